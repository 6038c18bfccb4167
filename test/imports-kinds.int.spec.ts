import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { generateProvince } from '../seeds/generator/generate.js';
import { writeC12Summary } from '../seeds/generator/writers/c12.js';
import { receiptsByMonth, writeReceiptsStatement } from '../seeds/generator/writers/receipts.js';
import { writeProvince, type WorkbookManifest } from '../seeds/generator/writers/province.js';
import { writeReceivables } from '../seeds/generator/writers/receivables.js';
import { DeclaredTotal } from '../src/modules/ledger-facts/declared-total.entity.js';
import { OpeningBalance } from '../src/modules/ledger-facts/opening-balance.entity.js';
import { RosterLine } from '../src/modules/ledger-facts/roster-line.entity.js';
import { StatedPayment } from '../src/modules/ledger-facts/stated-payment.entity.js';
import { Receipt } from '../src/modules/ledger-facts/receipt.entity.js';
import { ReceivableLine } from '../src/modules/ledger-facts/receivable-line.entity.js';
import { buildWorkbook, sharedFixture, tempDir } from './fixtures/workbooks/build-workbook.js';
import { authHeader, DB_KINDS, startTestApp, type TestApp } from './support/harness.js';
import { importClient } from './support/imports.js';
import { binary, expectVietnameseErrors } from './support/xlsx.js';

const MAX_ROWS = 3000;

describe.each(DB_KINDS)('imports of every kind on %s', (kind) => {
  let t: TestApp;
  const dir = tempDir('sothu-kinds-');
  const province = generateProvince({ seed: 11, scale: 'small' });
  let files: WorkbookManifest;

  let admin: Record<string, string> = {};
  const http = () => request.agent(t.app.getHttpServer()).set(admin);
  const em = () => t.app.get(EntityManager).fork();
  const { upload, settle, validated, commit, importAndCommit } = importClient(
    () => t.app,
    () => admin,
  );

  beforeAll(async () => {
    t = await startTestApp(kind, { IMPORT_MAX_ROWS: String(MAX_ROWS), UPLOAD_RATE_LIMIT: '1000' });
    admin = await authHeader(t, 'admin');
    files = await writeProvince(province, dir, { truth: false });
    for (const o of province.offices) await http().post('/api/offices').send(o).expect(201);
    const b = await importAndCommit(join(dir, files.employers), 'employers');
    expect(b.counts.committed).toBe(province.employers.length);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('roster', () => {
    const unit = () => province.employers[0]!;

    it('commits an employer roster: lines, declared totals and stated payments, as generated', async () => {
      const e = unit();
      const b = await importAndCommit(join(dir, 'rosters', `roster-${e.unitCode}.xlsx`), 'roster');
      const lines = province.roster.filter((l) => l.unitCode === e.unitCode);
      expect(b.counts.invalid).toBe(0);
      const stored = await em().find(
        RosterLine,
        { unitCode: e.unitCode },
        { orderBy: { siNumber: 'asc', fromMonth: 'asc' } },
      );
      const key = (l: {
        siNumber: string;
        fromMonth: string;
        toMonth?: string | null;
        salary: number;
      }) => `${l.siNumber}|${l.fromMonth}|${l.toMonth ?? ''}|${l.salary}`;
      expect(stored.map(key).sort()).toEqual(lines.map(key).sort());
      for (const l of lines) {
        const s = stored.find((x) => x.siNumber === l.siNumber && x.fromMonth === l.fromMonth)!;
        expect(s.allowances).toBe(
          l.allowances.position + l.allowances.seniority + l.allowances.supplement,
        );
      }
      const declaredPeriods = new Set(
        province.declared.filter((d) => d.unitCode === e.unitCode).map((d) => d.period),
      );
      expect(await em().count(DeclaredTotal, { unitCode: e.unitCode })).toBe(declaredPeriods.size);
      const stated = province.statedPayments.filter((p) => p.unitCode === e.unitCode);
      const storedStated = await em().find(StatedPayment, { unitCode: e.unitCode });
      expect(storedStated.map((p) => `${p.paidOn}|${p.amount}`).sort()).toEqual(
        stated.map((p) => `${p.date}|${p.amount}`).sort(),
      );
    });

    it('the same file again is the same batch; committing it again doubles nothing', async () => {
      const e = unit();
      const before = await em().count(RosterLine, {});
      const path = join(dir, 'rosters', `roster-${e.unitCode}.xlsx`);
      const id = await upload(path, 'roster');
      const again = await settle(id, ['committed']);
      expect(again.status).toBe('committed');
      await http().post(`/api/imports/${id}/commit`).expect(202);
      expect(await em().count(RosterLine, {})).toBe(before);
    });

    it('a corrected roster replaces the months it covers, keeps the others, never doubles', async () => {
      const e = province.employers[1]!;
      const header = ['STT', 'Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng', 'Đến tháng'];
      const first = await buildWorkbook(dir, 'r1.xlsx', [
        {
          name: 'D02-LT',
          rows: [
            [`Mã đơn vị: ${e.unitCode}`],
            header,
            [1, '0100000001', 'Trần Thị A', 6_000_000, '01/2026', '06/2026'],
            [2, '0100000002', 'Lê Văn B', 7_000_000, '01/2026', null],
          ],
        },
      ]);
      await importAndCommit(first, 'roster');
      const corrected = await buildWorkbook(dir, 'r2.xlsx', [
        {
          name: 'D02-LT',
          rows: [
            [`Mã đơn vị: ${e.unitCode}`],
            header,
            [1, '0100000001', 'Trần Thị A', 6_500_000, '03/2026', '04/2026'],
          ],
        },
      ]);
      await importAndCommit(corrected, 'roster');
      const lines = await em().find(RosterLine, {
        unitCode: e.unitCode,
        siNumber: { $in: ['0100000001', '0100000002'] },
      });
      const view = lines
        .map((l) => `${l.siNumber} ${l.fromMonth}..${l.toMonth ?? ''} ${l.salary}`)
        .sort();
      expect(view).toEqual([
        '0100000001 2026-01..2026-02 6000000',
        '0100000001 2026-03..2026-04 6500000',
        '0100000001 2026-05..2026-06 6000000',
        '0100000002 2026-01..2026-02 7000000',
        '0100000002 2026-05.. 7000000',
      ]);
    });

    it('reports messy and bad rows with their place, commits the valid ones, and gives the errors workbook', async () => {
      const e = province.employers[2]!;
      const path = await buildWorkbook(dir, 'messy.xlsx', [
        {
          name: 'Danh sách',
          merges: ['A1:F1'],
          rows: [
            ['DANH SÁCH LAO ĐỘNG THAM GIA BHXH'],
            ['Mã đơn vị:', e.unitCode],
            [
              'stt',
              'MA SO BHXH',
              'Ho ten',
              'Tien luong',
              'Phụ cấp chức vụ',
              'Tu thang',
              'Den thang',
            ],
            [1, '0012345678', 'Phạm Văn C', '5.310.000', '1,000,000', '1/2026', '2026-03'],
            [2, '0012345678', 'Phạm Văn C', '5.310.000', null, '03/2026', null], // overlaps row 4 in 03/2026
            [3, '12345', 'Sai Mã', 5_000_000, null, '01/2026', null], // SI number not 10 digits
            [4, '0099999999', 'Âm Lương', -1, null, '01/2026', null], // negative salary
          ],
        },
      ]);
      const b = await validated(path, 'roster');
      expect(b.status).toBe('validated');
      expect(b.counts).toMatchObject({ valid: 1, invalid: 3 });
      expect(b.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            sheet: 'Danh sách',
            row: 5,
            code: 'ROSTER_OVERLAP',
            level: 'row',
          }),
          expect.objectContaining({
            sheet: 'Danh sách',
            row: 6,
            column: 'B',
            code: 'INVALID_SI_NUMBER',
            details: expect.objectContaining({
              header: expect.any(String),
              value: expect.any(String),
            }),
          }),
          expect.objectContaining({
            sheet: 'Danh sách',
            row: 7,
            column: 'D',
            code: 'NEGATIVE_AMOUNT',
          }),
        ]),
      );
      const res = await http()
        .get(`/api/imports/${b.id}/errors.xlsx`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Danh sách')!;
      const errCol = ws.getRow(3).cellCount; // the header row gained the error column
      expect(ws.getRow(3).getCell(errCol).value).toBe('Lỗi');
      // the console's Vietnamese sentence, neither the code nor the server's English
      expect(ws.getRow(5).getCell(errCol).value).toBe(
        'Thời gian tham gia trùng với một dòng khác của người lao động này.',
      );
      await expectVietnameseErrors(res.body as Buffer, b.problems);
      expect(ws.getRow(4).getCell(errCol).value ?? null).toBeNull();

      await commit(b.id);
      const stored = await em().find(RosterLine, { unitCode: e.unitCode, siNumber: '0012345678' });
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        salary: 5_310_000,
        allowances: 1_000_000,
        fromMonth: '2026-01',
        toMonth: '2026-03',
      });
    });

    it('takes a workbook chosen as another kind as the kind its headers show, and says so', async () => {
      const before = await em().count(RosterLine, {});
      const b = await validated(join(dir, files.receivables), 'roster');
      // the headers win (product.md: the officer's choice is a hint); the disagreement is a warning
      expect(b).toMatchObject({ status: 'validated', kind: 'receivables', kindHint: 'roster' });
      expect(b.problems[0]).toMatchObject({
        level: 'info',
        code: 'KIND_HINT_IGNORED',
        details: { hint: 'roster', kind: 'receivables' },
      });
      expect(b.problems[0]!.message).toContain('receivables ledger');
      expect(await em().count(RosterLine, {})).toBe(before);
    });

    it('refuses a sheet over the row limit while streaming, and changes nothing', async () => {
      const e = province.employers[3]!;
      const rows: unknown[][] = [['Mã đơn vị', 'Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng']];
      for (let i = 0; i < MAX_ROWS + 10; i++)
        rows.push([e.unitCode, String(2_000_000_000 + i), 'Nguyễn Văn D', 6_000_000, '01/2026']);
      const path = await buildWorkbook(dir, 'too-many.xlsx', [{ name: 'D02', rows }]);
      const before = await em().count(RosterLine, {});
      const b = await validated(path, 'roster');
      expect(b.status).toBe('rejected');
      expect(b.problems[0]).toMatchObject({ code: 'TOO_MANY_ROWS' });
      expect(await em().count(RosterLine, {})).toBe(before);
    });

    it('refuses lines of a unit that is not registered', async () => {
      const path = await buildWorkbook(dir, 'unknown-unit.xlsx', [
        {
          name: 'D02',
          rows: [
            ['Mã đơn vị', 'Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng'],
            ['ZZ9999Z', '0111111111', 'X', 6_000_000, '01/2026'],
          ],
        },
      ]);
      const b = await validated(path, 'roster');
      expect(b.counts).toMatchObject({ valid: 0, invalid: 1 });
      expect(b.problems[0]).toMatchObject({ row: 2, code: 'UNKNOWN_UNIT' });
    });
  });

  describe('receipts', () => {
    const month = () => files.receipts[files.receipts.length - 1]!;

    it('commits a statement and matches each receipt as the generator intends', async () => {
      const m = month();
      const b = await importAndCommit(join(dir, m.file), 'receipts');
      expect(b.counts.committed).toBe(m.rows);
      const expected = receiptsByMonth(province).get(m.month)!;
      const stored = new Map((await em().find(Receipt, {})).map((r) => [r.bankRef, r]));
      for (const r of expected) {
        const s = stored.get(r.bankRef)!;
        expect(s.amount).toBe(r.amount);
        expect(s.valueDate).toBe(r.valueDate);
        if (r.expectedMethod === 'name')
          expect(s).toMatchObject({
            status: 'suggested',
            suggestion: r.expectedUnitCode,
            unitCode: null,
          });
        else if (r.expectedUnitCode === 'KM00000')
          expect(s).toMatchObject({ status: 'unmatched', unitCode: null });
        else
          expect(s).toMatchObject({
            status: 'matched',
            unitCode: r.expectedUnitCode,
            method: r.expectedMethod,
          });
      }
    });

    it('reports bank references already imported or repeated, and never doubles a receipt', async () => {
      const m = month();
      const old = receiptsByMonth(province).get(m.month)!;
      const fresh = { ...old[0]!, bankRef: 'NEWREF0001', amount: 1_234_000 };
      const path = join(dir, 'receipts-again.xlsx');
      await writeReceiptsStatement(province, m.month, [old[0]!, old[1]!, fresh, fresh], path);
      const before = await em().count(Receipt, {});
      const b = await validated(path, 'receipts');
      expect(b.counts).toMatchObject({ valid: 1, invalid: 3 });
      expect(b.problems.filter((p) => p.code === 'DUPLICATE_BANK_REF')).toHaveLength(3);
      await commit(b.id);
      expect(await em().count(Receipt, {})).toBe(before + 1);
    });
  });

  describe('receivables', () => {
    it('commits the agency ledger; a corrected file replaces amounts by key, never doubles', async () => {
      const b = await importAndCommit(join(dir, files.receivables), 'receivables');
      expect(b.counts.committed).toBe(province.ledger.length);
      expect(await em().count(ReceivableLine, {})).toBe(province.ledger.length);

      const changed = structuredClone(province);
      const line = changed.ledger[0]!;
      line.amount += 1_000;
      const path = join(dir, 'receivables-corrected.xlsx');
      await writeReceivables(changed, path);
      await importAndCommit(path, 'receivables');
      expect(await em().count(ReceivableLine, {})).toBe(province.ledger.length);
      const stored = await em().findOneOrFail(ReceivableLine, {
        unitCode: line.unitCode,
        period: line.period,
        fund: line.fund,
        reason: line.reason ?? '',
      });
      expect(stored.amount).toBe(line.amount);
    });

    it('refuses a negative amount and a line of an unknown unit, with their places', async () => {
      const e = province.employers[0]!;
      const path = await buildWorkbook(dir, 'bad-receivables.xlsx', [
        {
          name: 'Phải thu',
          rows: [
            ['Mã đơn vị', 'Kỳ', 'Quỹ', 'Số tiền'],
            [e.unitCode, '01/2026', 'BHYT', -5000],
            ['ZZ9999Z', '01/2026', 'BHYT', 5000],
            [e.unitCode, '02/2026', 'Hưu trí, tử tuất', '1.000.000'],
          ],
        },
      ]);
      const b = await validated(path, 'receivables');
      expect(b.counts).toMatchObject({ valid: 1, invalid: 2 });
      expect(b.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 2, column: 'D', code: 'NEGATIVE_AMOUNT' }),
          expect.objectContaining({ row: 3, code: 'UNKNOWN_UNIT' }),
        ]),
      );
    });
  });

  describe('c12-summary', () => {
    it('imports both real exports cleanly as opening balances; the same month again replaces, never doubles', async () => {
      const xls = await validated(
        sharedFixture('c12-summary', 'c12-summary-2026-04.xls'),
        'c12-summary',
      );
      expect(xls.status).toBe('validated');
      expect(xls.counts.invalid).toBe(0);
      const c1 = await commit(xls.id);
      const xlsx = await validated(
        sharedFixture('c12-summary', 'c12-summary-2026-04.xlsx'),
        'c12-summary',
      );
      expect(xlsx.counts.invalid).toBe(0);
      const c2 = await commit(xlsx.id);
      // every unit of the .xls is also in the .xlsx: the second import replaced the first one's rows
      expect(await em().count(OpeningBalance, { period: '2026-04' })).toBe(c2.counts.committed);
      expect(c2.counts.committed).toBeGreaterThanOrEqual(c1.counts.committed);
      const credit = await em().findOneOrFail(
        OpeningBalance,
        { closingBalance: { $lt: 0 } },
        { orderBy: { unitCode: 'asc' } },
      );
      expect(credit.batchId).toBe(xlsx.id);
      expect(await em().count(OpeningBalance, { unitCode: 'KM00000' })).toBe(0);
    });

    it('takes the period from the form field and refuses a file with no period', async () => {
      const gen = await importAndCommit(join(dir, files.c12Summary), 'c12-summary');
      expect(gen.counts.committed).toBe(province.c12.rows.length);
      // the employer sheet explains the opening balance: the periods it carries, due vs not yet due
      const P = province.c12.period;
      const row = province.c12.rows.find((r) => r.closing > r.payable && r.payable > 0)!;
      const ledger = (
        await http().get(`/api/employers/${row.unitCode}/ledger?asOf=${P}-28`).expect(200)
      ).body as {
        periods: {
          period: string;
          opening: number;
          carriedInto: string | null;
          balance: number;
          overdue: number;
          notYetDue: number;
        }[];
        totals: {
          principalOutstanding: number;
          overduePrincipal: number;
          notYetDuePrincipal: number;
        };
        opening: { period: string } | null;
      };
      expect(ledger.opening).toMatchObject({ period: P });
      const carrying = ledger.periods.filter((p) => p.opening > 0);
      expect(carrying.map((p) => p.carriedInto)).toEqual(carrying.map(() => P));
      expect(carrying.reduce((s, p) => s + p.opening, 0)).toBe(row.closing);
      for (const p of ledger.periods) expect(p.overdue + p.notYetDue).toBe(p.balance);
      expect(ledger.totals.overduePrincipal + ledger.totals.notYetDuePrincipal).toBe(
        ledger.totals.principalOutstanding,
      );
      // another month's export under a name without its month
      const other = generateProvince({ seed: 12, scale: 'small' });
      const copy = join(dir, 'c12-export.xlsx');
      await writeC12Summary(other, copy);
      const none = await validated(copy, 'c12-summary');
      expect(none.status).toBe('rejected');
      expect(none.problems[0].code).toBe('MISSING_PERIOD');
      // the same file again, now with the period: parsed again, as the same batch
      const withField = await validated(copy, 'c12-summary', { period: '2025-01' });
      expect(withField).toMatchObject({ id: none.id, status: 'validated', period: '2025-01' });
    });
  });
});
