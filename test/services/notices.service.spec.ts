import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { noticeDays } from '../../src/domain/c12-notice.js';
import { ReconciliationService } from '../../src/modules/reconciliation/index.js';
import { NoticeService } from '../../src/modules/reports/index.js';
import { writeNoticePdf } from '../../src/modules/reports/notice-pdf.js';
import { writeNoticeWorkbook } from '../../src/modules/reports/notice-workbook.js';
import { DB_KINDS } from '../support/harness.js';
import { type ServiceContext, startServiceContext } from '../support/service-harness.js';
import { arrangeTinyOffice } from '../support/tiny-office.js';

async function bytesOf(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  out.end();
  return Buffer.concat(chunks);
}

/**
 * TC0001C's C12-TS notice for 03/2026 (tiny-office.ts works the figures out by hand): January and
 * February (3,398,400 each) owed on 2026-02-28; the payment of 3,406,284 on 2026-03-10 books 7,884 of
 * charges (SI 860 + 6,308 + 143 = 7,311, UI 573) and settles January's principal then those charges.
 * The notice's figures equal the ledger's for the same employer and days.
 */
describe.each(DB_KINDS)('C12-TS notices on %s', (kind) => {
  let t: ServiceContext;

  beforeAll(async () => {
    t = await startServiceContext(kind);
    await arrangeTinyOffice(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("TC0001C 03/2026: every section by hand, and equal to the ledger's figures", async () => {
    const [r] = await t.ctx.get(NoticeService).notices(['TC0001C'], '2026-03');
    if (!r || 'error' in r) throw new Error(`no notice: ${JSON.stringify(r)}`);
    const n = r.notice;
    const month = {
      SI_SICK: 318_600,
      SI_RETIRE: 2_336_400,
      SI_OA: 53_100,
      HI: 477_900,
      UI: 212_400,
    };
    expect(n.opening).toEqual({
      asOf: '2026-02-28',
      credit: 0,
      owed: {
        SI_SICK: 637_200,
        SI_RETIRE: 4_672_800,
        SI_OA: 106_200,
        HI: 955_800,
        UI: 424_800,
        OPENING: 0,
        total: 6_796_800,
      },
      chargesUnpaid: { SI_SICK: 0, SI_RETIRE: 0, SI_OA: 0, HI: 0, UI: 0, OPENING: 0, total: 0 },
    });
    expect(n.payable.total).toBe(0);
    expect(n.adjustments.total).toBe(0);
    expect(n.chargesBooked).toMatchObject({ SI_RETIRE: 7_311, UI: 573, total: 7_884 });
    expect(n.payments.map((p) => [p.valueDate, p.bankRef, p.amount])).toEqual([
      ['2026-03-10', 'FT26069001', 3_406_284],
    ]);
    expect(n.contributions).toEqual({ ...month, OPENING: 0, total: 3_398_400 });
    expect(n.chargesPaid).toMatchObject({ SI_RETIRE: 7_311, UI: 573, total: 7_884 });
    expect(n.toCredit).toBe(0);
    expect(n.closing).toEqual({
      asOf: '2026-03-31',
      credit: 0,
      owed: { ...month, OPENING: 0, total: 3_398_400 },
      chargesUnpaid: { SI_SICK: 0, SI_RETIRE: 0, SI_OA: 0, HI: 0, UI: 0, OPENING: 0, total: 0 },
    });
    expect(r.party).toMatchObject({ unitCode: 'TC0001C', name: 'Công ty A', officeCode: '06703' });

    // the ledger of the same employer as of the same days says the same
    const days = noticeDays('2026-03');
    const reconciliation = t.ctx.get(ReconciliationService);
    const opening = (await reconciliation.ledger('TC0001C', days.opening))!.ledger;
    const closing = (await reconciliation.ledger('TC0001C', days.closing))!.ledger;
    expect(n.opening.owed.total).toBe(opening.totals.principalOutstanding);
    expect(n.opening.chargesUnpaid.total).toBe(opening.totals.chargesBookedUnpaid);
    expect(n.opening.credit).toBe(opening.totals.credit);
    expect(n.closing.owed.total).toBe(closing.totals.principalOutstanding);
    expect(n.closing.chargesUnpaid.total).toBe(closing.totals.chargesBookedUnpaid);
    expect(n.closing.credit).toBe(closing.totals.credit);
    const march = closing.periods.find((p) => p.period === '2026-03');
    expect(n.chargesBooked.total).toBe(march?.charge ?? 0);
    const paidInMarch = closing.payments.filter((p) => p.valueDate.startsWith('2026-03'));
    expect(n.paymentsTotal).toBe(paidInMarch.reduce((s, p) => s + p.amount, 0));
    const allocated = paidInMarch.flatMap((p) => p.allocations);
    expect(n.contributions.total).toBe(
      allocated.filter((a) => a.kind === 'principal').reduce((s, a) => s + a.amount, 0),
    );
    expect(n.chargesPaid.total).toBe(
      allocated.filter((a) => a.kind === 'charge').reduce((s, a) => s + a.amount, 0),
    );
  });

  it('renders the workbook with the same figures and a PDF', async () => {
    const [r] = await t.ctx.get(NoticeService).notices(['TC0001C'], '2026-03');
    if (!r || 'error' in r) throw new Error('no notice');
    const xlsx = await bytesOf((out) => writeNoticeWorkbook(r.notice, r.party, out));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('C12-TS')!;
    const byCode = new Map<string, unknown[]>();
    ws.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (typeof values[0] === 'string') byCode.set(values[0], values);
    });
    // Mục, Chỉ tiêu, 5 funds, Tổng cộng
    expect(byCode.get('A.2.2')).toEqual([
      'A.2.2',
      'Số tiền thiếu',
      637_200,
      4_672_800,
      955_800,
      424_800,
      106_200,
      6_796_800,
    ]);
    expect(byCode.get('D.2')?.slice(2)).toEqual([0, 7_311, 0, 573, 0, 7_884]);
    expect(byCode.get('C')?.[7]).toBe(3_406_284);
    const pdf = await bytesOf((out) =>
      writeNoticePdf(r.notice, r.party, t.ctx.get(NoticeService).fonts, out),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
  });
});
