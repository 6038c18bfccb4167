import { listParser } from './values.js';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';

/** Fund keys of domain.md §2, in the fund order used for ties. */
export const FUND_KEYS = ['SI_SICK', 'SI_RETIRE', 'SI_OA', 'HI', 'UI'] as const;
export type FundKey = (typeof FUND_KEYS)[number];

/** Vietnamese names accepted for each fund (first: the template header). */
export const FUND_NAMES: Readonly<Record<FundKey, readonly string[]>> = {
  SI_SICK: ['Ốm đau, thai sản', 'BHXH ốm đau thai sản', 'ÔĐTS'],
  SI_RETIRE: ['Hưu trí, tử tuất', 'BHXH hưu trí tử tuất', 'HTTT'],
  SI_OA: ['TNLĐ-BNN', 'BHXH TNLĐ-BNN', 'Tai nạn lao động, bệnh nghề nghiệp'],
  HI: ['BHYT', 'Bảo hiểm y tế'],
  UI: ['BHTN', 'Bảo hiểm thất nghiệp'],
};

export type WageRegion = 'I' | 'II' | 'III' | 'IV';
export type PaymentCycle = 'monthly' | 'quarterly' | 'semiannual';
export type EmployerStatus =
  'active' | 'suspended' | 'absconded' | 'dissolving' | 'dissolved' | 'bankrupt' | 'debt-frozen';

export const parseRegion = listParser<WageRegion>(ProblemCode.INVALID_REGION, 'wage region', {
  I: ['I', '1', 'Vùng I', 'Vùng 1'],
  II: ['II', '2', 'Vùng II', 'Vùng 2'],
  III: ['III', '3', 'Vùng III', 'Vùng 3'],
  IV: ['IV', '4', 'Vùng IV', 'Vùng 4'],
});

export const parseCycle = listParser<PaymentCycle>(ProblemCode.INVALID_CYCLE, 'payment cycle', {
  monthly: ['Hằng tháng', 'Hàng tháng', 'monthly'],
  quarterly: ['Hằng quý', 'Hàng quý', '3 tháng', 'quarterly'],
  semiannual: ['6 tháng', '6 tháng một lần', 'semiannual'],
});

export const parseStatus = listParser<EmployerStatus>(ProblemCode.INVALID_STATUS, 'status', {
  active: ['Đang hoạt động', 'active'],
  suspended: ['Tạm dừng đóng', 'suspended'],
  absconded: ['Chủ bỏ trốn', 'absconded'],
  dissolving: ['Đang giải thể', 'dissolving'],
  dissolved: ['Đã giải thể', 'dissolved'],
  bankrupt: ['Phá sản', 'bankrupt'],
  'debt-frozen': ['Khoanh nợ', 'debt-frozen'],
});

export const parseFund = listParser<FundKey>(ProblemCode.INVALID_FUND, 'fund', FUND_NAMES);
