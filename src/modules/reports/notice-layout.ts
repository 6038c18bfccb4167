import {
  NOTICE_FUNDS,
  type C12Notice,
  type FundRow,
  type NoticeFund,
} from '../../domain/c12-notice.js';
import type { IsoDate, Period } from '../../domain/dates.js';
import { LABELS_VI } from '../../domain/labels-vi.js';

/**
 * The C12-TS notice's layout, shared by the workbook and the PDF (one list of lines, two renderers).
 * Labels are the form's Vietnamese: the notice is a document the agency sends.
 */
export const FUND_HEADERS: Record<NoticeFund, string> = {
  SI_SICK: 'BHXH ốm đau, thai sản',
  SI_RETIRE: 'BHXH hưu trí, tử tuất',
  HI: 'BHYT',
  UI: 'BHTN',
  SI_OA: 'BHTNLĐ-BNN',
  OPENING: 'Số dư C12 (chưa tách quỹ)',
};

export interface NoticeParty {
  unitCode: string;
  name: string;
  taxCode: string | null;
  officeCode: string;
  officeName: string;
}

export type NoticeLine =
  | { kind: 'section'; code: string; label: string }
  | { kind: 'row'; code: string; label: string; row: FundRow }
  /** A figure with no fund split (credit, payments): shown in the total column. */
  | { kind: 'total'; code: string; label: string; amount: number };

/** The fund columns shown: the five funds always, OPENING only when the notice has any. */
export function noticeColumns(n: C12Notice): NoticeFund[] {
  const rows = noticeLines(n).flatMap((l) => (l.kind === 'row' ? [l.row] : []));
  return NOTICE_FUNDS.filter((f) => f !== 'OPENING' || rows.some((r) => r.OPENING !== 0));
}

export function noticeLines(n: C12Notice): NoticeLine[] {
  return [
    { kind: 'section', code: 'A', label: `Kỳ trước chuyển sang (đến ngày ${dmy(n.opening.asOf)})` },
    { kind: 'total', code: 'A.2.1', label: 'Số tiền thừa', amount: n.opening.credit },
    { kind: 'row', code: 'A.2.2', label: 'Số tiền thiếu', row: n.opening.owed },
    { kind: 'row', code: 'A.3', label: 'Tiền chậm đóng chưa nộp', row: n.opening.chargesUnpaid },
    { kind: 'section', code: 'B', label: `Phát sinh trong kỳ (tháng ${mmyyyy(n.period)})` },
    { kind: 'row', code: 'B.3', label: 'Số phải đóng', row: n.payable },
    { kind: 'row', code: 'B.4', label: 'Điều chỉnh', row: n.adjustments },
    { kind: 'row', code: 'B.5', label: 'Tiền chậm đóng phát sinh', row: n.chargesBooked },
    { kind: 'section', code: 'C', label: 'Số tiền đã nộp trong kỳ' },
    {
      kind: 'total',
      code: 'C',
      label: `Tổng số tiền đã nộp (${n.payments.length} ủy nhiệm chi)`,
      amount: n.paymentsTotal,
    },
    { kind: 'section', code: 'D', label: 'Phân bổ số tiền đã nộp' },
    { kind: 'row', code: 'D.1', label: 'Tiền đóng', row: n.contributions },
    { kind: 'row', code: 'D.1*', label: 'Tiền đóng từ số thừa', row: n.contributionsFromCredit },
    { kind: 'row', code: 'D.2', label: 'Tiền chậm đóng', row: n.chargesPaid },
    { kind: 'total', code: 'D.3', label: 'Chuyển thành số thừa', amount: n.toCredit },
    { kind: 'section', code: 'Đ', label: `Chuyển kỳ sau (đến ngày ${dmy(n.closing.asOf)})` },
    { kind: 'total', code: 'Đ.1', label: 'Số tiền thừa', amount: n.closing.credit },
    { kind: 'row', code: 'Đ.2', label: 'Số tiền thiếu', row: n.closing.owed },
    { kind: 'row', code: 'Đ.3', label: 'Tiền chậm đóng chưa nộp', row: n.closing.chargesUnpaid },
  ];
}

/** Late-charge tags as the notice names them (the one label module's words). */
export const TAG_LABELS = {
  SI: LABELS_VI.fund.SI,
  UI: LABELS_VI.fund.UI,
  HI: LABELS_VI.fund.HI,
} as const;

/** `1.234.567` (Vietnamese grouping); negative with a minus. */
export function vnd(n: number): string {
  const s = Math.abs(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${s}` : s;
}

/** A rate as a percentage with a comma: 0.0003 → `0,03%`. */
export function percent(rate: number): string {
  return `${(Math.round(rate * 1e8) / 1e6).toString().replace('.', ',')}%`;
}

export function dmy(d: IsoDate): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

export function mmyyyy(p: Period): string {
  return `${p.slice(5, 7)}/${p.slice(0, 4)}`;
}

export function noticeTitle(n: C12Notice): string {
  return `THÔNG BÁO KẾT QUẢ ĐÓNG BHXH, BHYT, BHTN, BHTNLĐ-BNN — THÁNG ${mmyyyy(n.period)}`;
}

export function noticeFileName(n: C12Notice, ext: 'xlsx' | 'pdf'): string {
  return `C12-TS-${n.unitCode}-${n.period}.${ext}`;
}
