import { open } from 'node:fs/promises';
import { formatBytes, type WorkbookLimits } from './limits.js';
import { ProblemCode, reject } from './problem.js';

/**
 * Decides what an uploaded file is from its bytes (never its name) and refuses what we cannot
 * read safely before any parser sees it.
 */
export type ContainerKind = 'zip' | 'cfb';

const ZIP_MAGIC = 0x04034b50;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const SAVE_AS_XLSX =
  'Open it in Excel and use File › Save As › "Excel Workbook (*.xlsx)", then upload that file.';

export async function sniffContainer(path: string, limits: WorkbookLimits): Promise<ContainerKind> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size > limits.maxUploadBytes) {
      throw reject(
        ProblemCode.FILE_TOO_LARGE,
        `The file is ${formatBytes(size)}; the limit is ${formatBytes(limits.maxUploadBytes)}. Split it into smaller workbooks.`,
      {},
      { limit: formatBytes(limits.maxUploadBytes) },
    );
    }
    const head = Buffer.alloc(8);
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    if (bytesRead >= 4 && head.readUInt32LE(0) === ZIP_MAGIC) return 'zip';
    if (bytesRead === 8 && head.equals(CFB_MAGIC)) return 'cfb';
    throw reject(
      ProblemCode.NOT_A_WORKBOOK,
      `This file is not an Excel workbook (.xlsx or .xls). ${bytesRead === 0 ? 'It is empty.' : 'CSV and other formats are not accepted.'}`,
    );
  } finally {
    await fh.close();
  }
}

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
  /** 0 stored, 8 deflate; anything else is refused when the entry is read. */
  method: number;
  crc32: number;
  /** Where the entry's local header starts. */
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CDH_SIG = 0x02014b50;
const MAX_ENTRIES = 10_000;

export function corrupt(detail: string): Error {
  return reject(
    ProblemCode.CORRUPT_FILE,
    `The workbook is damaged and cannot be read (${detail}). Open it in Excel, save it again as .xlsx and re-upload.`,
  );
}

/**
 * Reads the zip central directory (without inflating anything) and refuses the package when the
 * declared uncompressed total is over the limit, when an entry is encrypted, or when it is not an
 * Excel package. The sizes declared here can lie: the streaming reader also counts the bytes it
 * actually inflates (xlsx-source.ts), so this check is the cheap first line, not the only one.
 */
export async function inspectZip(path: string, limits: WorkbookLimits): Promise<ZipEntryInfo[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_535 + 22 + 20);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt('no zip directory');
    let entries = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== EOCD64_LOCATOR_SIG)
        throw corrupt('bad zip64 directory');
      const rec = Buffer.alloc(56);
      await fh.read(rec, 0, 56, Number(tail.readBigUInt64LE(loc + 8)));
      if (rec.readUInt32LE(0) !== EOCD64_SIG) throw corrupt('bad zip64 directory');
      entries = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (entries > MAX_ENTRIES) throw corrupt(`${entries} parts`);
    if (cdOffset + cdSize > size || cdSize > 16 * 1024 * 1024)
      throw corrupt('directory out of bounds');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const out: ZipEntryInfo[] = [];
    let total = 0;
    let p = 0;
    for (let n = 0; n < entries; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDH_SIG)
        throw corrupt('bad directory entry');
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc32 = cd.readUInt32LE(p + 16);
      let localHeaderOffset = cd.readUInt32LE(p + 42);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      if (
        uncompressedSize === 0xffffffff ||
        compressedSize === 0xffffffff ||
        localHeaderOffset === 0xffffffff
      ) {
        // zip64 extended information extra field (id 0x0001): the flagged values in this order.
        let e = p + 46 + nameLen;
        const end = e + extraLen;
        while (e + 4 <= end) {
          const id = cd.readUInt16LE(e);
          const len = cd.readUInt16LE(e + 2);
          if (id === 0x0001) {
            let q = e + 4;
            if (uncompressedSize === 0xffffffff) {
              uncompressedSize = Number(cd.readBigUInt64LE(q));
              q += 8;
            }
            if (compressedSize === 0xffffffff) {
              compressedSize = Number(cd.readBigUInt64LE(q));
              q += 8;
            }
            if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
            break;
          }
          e += 4 + len;
        }
      }
      out.push({
        name,
        compressedSize,
        uncompressedSize,
        encrypted: (flags & 1) === 1,
        method,
        crc32,
        localHeaderOffset,
      });
      total += uncompressedSize;
      p += 46 + nameLen + extraLen + commentLen;
    }
    if (out.some((e) => e.encrypted)) {
      throw reject(
        ProblemCode.ENCRYPTED_FILE,
        'The workbook is encrypted. Remove the password in Excel and re-upload.',
      );
    }
    if (total > limits.maxUncompressedBytes) {
      throw reject(
        ProblemCode.UNCOMPRESSED_TOO_LARGE,
        `The workbook expands to ${formatBytes(total)} when opened; the limit is ${formatBytes(limits.maxUncompressedBytes)}. Split it into smaller workbooks.`,
        {},
        { limit: formatBytes(limits.maxUncompressedBytes) },
      );
    }
    if (!out.some((e) => e.name === 'xl/workbook.xml')) {
      throw reject(
        ProblemCode.NOT_A_WORKBOOK,
        'This file is a zip package but not an Excel workbook (.xlsx). Save it from Excel as .xlsx and re-upload.',
      );
    }
    return out;
  } finally {
    await fh.close();
  }
}
