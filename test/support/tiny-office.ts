import { OfficesService } from '../../src/modules/offices/offices.service.js';
import { buildWorkbook, tempDir } from '../fixtures/workbooks/build-workbook.js';
import { importWorkbook, type ServiceContext } from './service-harness.js';

/**
 * A tiny office whose figures as of {@link TINY_DAY} are worked out by hand below from domain.md (not
 * from the code): office 06703 (province 67), three monthly employers in wage region I, OA 0.5%.
 *
 * Rates (§2, bp): SI_SICK 300, SI_RETIRE 2200, SI_OA 50, HI 450, UI 200; HI is not charged (§6).
 *
 * TC0001C — two people at 5,310,000 (the 2026 region I floor: no shortfall), 01/2026–02/2026; one
 * receipt of 3,406,284 on 2026-03-10.
 *   Each month, base 10,620,000: SI_SICK 318,600, SI_RETIRE 2,336,400, SI_OA 53,100, HI 477,900,
 *   UI 212,400 = 3,398,400 (domain.md §2's own check). 01 is due 2026-02-28, 02 is due 2026-03-31 (§4).
 *   2026-03-10, before allocating: 01's SI+UI lines are late 2026-03-01…03-09 = 9 days, booked per line
 *   round(u × 9 × 3 / 10000): 860 + 6,308 + 143 + 573 = 7,884 (§6). Allocation (§5 overdue-first): 01's
 *   principal 3,398,400, then the booked 7,884; nothing left for 02.
 *   As of 2026-04-15: overdue principal = 02 = 3,398,400 (also all principal outstanding); charges =
 *   02's lines late 2026-04-01…04-14 = 14 days: 1,338 + 9,813 + 223 + 892 = 12,266; months of debt:
 *   02 unpaid → 1, 01 paid ends the walk → 1.000, class `overdue` (1 ≤ m < 3, §7); ageing: 02 due
 *   2026-03-31, no month-end after March up to 04-15 → all `<1`; year-to-date receivable 01 + 02 =
 *   6,796,800; on-time share 0 / 6,796,800 (01 paid after its due date, 02 unpaid).
 *
 * TC0002D — one person at 5,310,000, 10/2025–02/2026 (2025 floor 4,960,000), nothing paid.
 *   Each month: 159,300 + 1,168,200 + 26,550 + 238,950 + 106,200 = 1,699,200; all five overdue on
 *   2026-04-15: 8,496,000; months of debt 5.000 → `prolonged`. Charges, per SI+UI line, days from the day
 *   after the due date through 2026-04-14: 10/2025 (due 11-30) 135 days → 6,452 + 47,312 + 1,075 +
 *   4,301 = 59,140; 11 (12-31) 104 → 45,559; 12 (01-31) 73 → 31,980; 01 (02-28) 45 → 19,714;
 *   02 (03-31) 14 → 6,133; total 162,526.
 *
 * TC0003E — registered, no roster, nothing paid: all zero.
 */
export const TINY_DAY = '2026-04-15';
export const TINY_OFFICE = '06703';

export const TINY_EXPECTED = {
  TC0001C: {
    overduePrincipal: 3_398_400,
    principalOutstanding: 3_398_400,
    chargesUnpaid: 12_266,
    credit: 0,
    monthsOfDebtMilli: 1000,
    debtClass: 'overdue',
    hardToCollect: false,
    ageing: { lt1: 3_398_400, m1to3: 0, m3to6: 0, m6to12: 0, ge12: 0 },
    ytdReceivable: 6_796_800,
    onTimeSettled: 0,
    onTimeReceivable: 6_796_800,
  },
  TC0002D: {
    overduePrincipal: 8_496_000,
    principalOutstanding: 8_496_000,
    chargesUnpaid: 162_526,
    credit: 0,
    monthsOfDebtMilli: 5000,
    debtClass: 'prolonged',
    hardToCollect: false,
  },
  TC0003E: {
    overduePrincipal: 0,
    principalOutstanding: 0,
    chargesUnpaid: 0,
    credit: 0,
    monthsOfDebtMilli: 0,
    debtClass: null,
  },
} as const;

/** Creates the office and imports its three workbooks through the import services. */
export async function arrangeTinyOffice(t: ServiceContext): Promise<void> {
  const dir = tempDir('sothu-tiny-');
  await t.ctx
    .get(OfficesService)
    .create({ code: TINY_OFFICE, name: 'Tiny office', provinceCode: '67' });
  const files: [string, string, unknown[][]][] = [
    [
      'employers',
      'employers.xlsx',
      [
        ['Mã đơn vị', 'Tên đơn vị', 'Mã cơ quan BHXH', 'Vùng lương'],
        ['TC0001C', 'Công ty A', TINY_OFFICE, 'I'],
        ['TC0002D', 'Công ty B', TINY_OFFICE, 'I'],
        ['TC0003E', 'Công ty C', TINY_OFFICE, 'I'],
      ],
    ],
    [
      'roster',
      'roster.xlsx',
      [
        ['Mã đơn vị', 'Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng', 'Đến tháng'],
        ['TC0001C', '0100000001', 'Nguyễn Văn An', 5_310_000, '01/2026', '02/2026'],
        ['TC0001C', '0100000002', 'Trần Thị Bình', 5_310_000, '01/2026', '02/2026'],
        ['TC0002D', '0100000003', 'Lê Văn Cường', 5_310_000, '10/2025', '02/2026'],
      ],
    ],
    [
      'receipts',
      'receipts.xlsx',
      [
        ['Ngày giá trị', 'Số tiền', 'Nội dung', 'Số tham chiếu', 'Mã đơn vị'],
        ['10/03/2026', 3_406_284, 'Nộp BHXH', 'FT26069001', 'TC0001C'],
      ],
    ],
  ];
  for (const [kind, name, rows] of files) {
    const batch = await importWorkbook(
      t,
      await buildWorkbook(dir, name, [{ name: 'S', rows }]),
      kind,
    );
    if (batch.status !== 'committed' || batch.invalidRows)
      throw new Error(`${name}: ${batch.status}, ${JSON.stringify(batch.problems)}`);
  }
}
