import { Employer } from '../../src/modules/employers/employer.entity.js';
import { RosterLine } from '../../src/modules/ledger-facts/roster-line.entity.js';
import { OfficesService } from '../../src/modules/offices/offices.service.js';
import { Receipt } from '../../src/modules/ledger-facts/receipt.entity.js';
import { buildWorkbook, tempDir } from '../fixtures/workbooks/build-workbook.js';
import { DB_KINDS } from '../support/harness.js';
import {
  importWorkbook,
  type ServiceContext,
  startServiceContext,
} from '../support/service-harness.js';

/**
 * The import pipeline and its writers (ImportsService.receive, ImportPipeline.parse and .commit), no
 * HTTP and no queue: what each kind stores, and that a corrected file imported again replaces what the
 * earlier batch contributed under the kind's key (product.md "Re-import") instead of doubling it.
 */
describe.each(DB_KINDS)('import pipeline and writers on %s', (kind) => {
  let t: ServiceContext;
  const dir = tempDir('sothu-svc-imports-');
  const employersHeader = [
    'Mã đơn vị',
    'Tên đơn vị',
    'Mã số thuế',
    'Mã cơ quan BHXH',
    'Vùng lương',
  ];
  const rosterHeader = [
    'Mã đơn vị',
    'Mã số BHXH',
    'Họ và tên',
    'Mức lương',
    'Từ tháng',
    'Đến tháng',
  ];
  const receiptsHeader = ['Ngày giá trị', 'Số tiền', 'Nội dung', 'Số tham chiếu', 'Mã đơn vị'];

  beforeAll(async () => {
    t = await startServiceContext(kind);
    await t.ctx.get(OfficesService).create({ code: '06703', name: 'Office', provinceCode: '67' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('employers: stored, and a corrected registry updates them in place (later values win)', async () => {
    const first = await buildWorkbook(dir, 'employers-1.xlsx', [
      {
        name: 'DS',
        rows: [
          employersHeader,
          ['TC0001C', 'Công ty A', null, '06703', 'I'],
          ['TC0002D', 'Công ty B', null, '06703', 'I'],
        ],
      },
    ]);
    const b1 = await importWorkbook(t, first, 'employers');
    expect(b1).toMatchObject({
      status: 'committed',
      validRows: 2,
      invalidRows: 0,
      committedRows: 2,
    });
    // the same file again is the same batch, already committed: nothing is parsed or written twice
    expect(await importWorkbook(t, first, 'employers')).toMatchObject({
      id: b1.id,
      status: 'committed',
    });
    expect(await t.em().count(Employer, {})).toBe(2);

    const corrected = await buildWorkbook(dir, 'employers-2.xlsx', [
      {
        name: 'DS',
        rows: [
          employersHeader,
          ['TC0002D', 'Công ty B (đổi tên)', null, '06703', 'II'],
          ['TC0003E', 'Công ty C', null, '06703', 'III'],
        ],
      },
    ]);
    const b2 = await importWorkbook(t, corrected, 'employers');
    expect(b2).toMatchObject({ status: 'committed', committedRows: 2 });

    const stored = await t.em().find(Employer, {}, { orderBy: { unitCode: 'asc' } });
    expect(stored.map((e) => [e.unitCode, e.name, e.region, e.batchId])).toEqual([
      ['TC0001C', 'Công ty A', 'I', b1.id],
      ['TC0002D', 'Công ty B (đổi tên)', 'II', b2.id],
      ['TC0003E', 'Công ty C', 'III', b2.id],
    ]);
  });

  it('roster: lines stored; a later roster of an employer replaces its lines of those months, not the others', async () => {
    const first = await buildWorkbook(dir, 'roster-1.xlsx', [
      {
        name: 'D02-LT',
        rows: [
          rosterHeader,
          ['TC0001C', '0100000001', 'Nguyễn Văn An', 5_310_000, '01/2026', '03/2026'],
          ['TC0001C', '0100000002', 'Trần Thị Bình', 6_000_000, '01/2026', '03/2026'],
          ['TC0002D', '0100000003', 'Lê Văn Cường', 7_000_000, '01/2026', '03/2026'],
        ],
      },
    ]);
    const b1 = await importWorkbook(t, first, 'roster');
    expect(b1).toMatchObject({ status: 'committed', validRows: 3, committedRows: 3 });

    // the same months of TC0001C again, An's salary corrected
    const corrected = await buildWorkbook(dir, 'roster-2.xlsx', [
      {
        name: 'D02-LT',
        rows: [
          rosterHeader,
          ['TC0001C', '0100000001', 'Nguyễn Văn An', 5_500_000, '01/2026', '03/2026'],
          ['TC0001C', '0100000002', 'Trần Thị Bình', 6_000_000, '01/2026', '03/2026'],
        ],
      },
    ]);
    const b2 = await importWorkbook(t, corrected, 'roster');
    expect(b2).toMatchObject({ status: 'committed', committedRows: 2 });

    const lines = await t
      .em()
      .find(RosterLine, {}, { orderBy: { unitCode: 'asc', siNumber: 'asc', fromMonth: 'asc' } });
    expect(
      lines.map((l) => [l.unitCode, l.siNumber, l.salary, l.fromMonth, l.toMonth, l.batchId]),
    ).toEqual([
      ['TC0001C', '0100000001', 5_500_000, '2026-01', '2026-03', b2.id],
      ['TC0001C', '0100000002', 6_000_000, '2026-01', '2026-03', b2.id],
      ['TC0002D', '0100000003', 7_000_000, '2026-01', '2026-03', b1.id],
    ]);
  });

  it('receipts: stored and matched; a statement carrying a receipt again takes only the new one', async () => {
    const first = await buildWorkbook(dir, 'receipts-1.xlsx', [
      {
        name: 'Sao kê',
        rows: [
          receiptsHeader,
          ['05/03/2026', 3_000_000, 'Nộp BHXH tháng 01/2026', 'FT26001', 'TC0001C'],
          ['06/03/2026', 1_250_000, 'Nộp BHXH', 'FT26002', 'TC0002D'],
        ],
      },
    ]);
    const b1 = await importWorkbook(t, first, 'receipts');
    expect(b1).toMatchObject({ status: 'committed', validRows: 2, committedRows: 2 });

    const again = await buildWorkbook(dir, 'receipts-2.xlsx', [
      {
        name: 'Sao kê',
        rows: [
          receiptsHeader,
          ['06/03/2026', 1_250_000, 'Nộp BHXH', 'FT26002', 'TC0002D'],
          ['09/03/2026', 400_000, 'Nộp BHXH tháng 02/2026', 'FT26003', 'TC0001C'],
        ],
      },
    ]);
    const b2 = await importWorkbook(t, again, 'receipts');
    expect(b2).toMatchObject({ status: 'committed', validRows: 1, committedRows: 1 });
    expect(b2.problems.map((p) => [p.row, p.code])).toEqual([[2, 'DUPLICATE_BANK_REF']]);

    const receipts = await t.em().find(Receipt, {}, { orderBy: { bankRef: 'asc' } });
    expect(
      receipts.map((r) => [r.bankRef, r.valueDate, r.amount, r.status, r.unitCode, r.batchId]),
    ).toEqual([
      ['FT26001', '2026-03-05', 3_000_000, 'matched', 'TC0001C', b1.id],
      ['FT26002', '2026-03-06', 1_250_000, 'matched', 'TC0002D', b1.id],
      ['FT26003', '2026-03-09', 400_000, 'matched', 'TC0001C', b2.id],
    ]);
  });
});
