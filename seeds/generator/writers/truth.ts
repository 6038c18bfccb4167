/** truth.json, streamed: a bench-scale province is far larger than one JavaScript string may be. */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';

async function put(out: WriteStream, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

/** Writes `value` as JSON with each top-level array element on its own line; same bytes for the same value. */
export async function writeJsonStreamed(filename: string, value: Readonly<Record<string, unknown>>): Promise<void> {
  const out = createWriteStream(filename);
  const done = once(out, 'finish');
  await put(out, '{\n');
  const keys = Object.keys(value);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const v = value[key];
    await put(out, `${JSON.stringify(key)}: `);
    if (Array.isArray(v)) {
      await put(out, '[');
      for (let i = 0; i < v.length; i++) {
        await put(out, `${i === 0 ? '\n' : ',\n'}  ${JSON.stringify(v[i])}`);
      }
      await put(out, v.length > 0 ? '\n]' : ']');
    } else {
      await put(out, JSON.stringify(v) ?? 'null');
    }
    await put(out, k < keys.length - 1 ? ',\n' : '\n');
  }
  await put(out, '}\n');
  out.end();
  await done;
}
