/** Wage region (vùng lương) I–IV. */
export type Region = 'I' | 'II' | 'III' | 'IV';
export const REGIONS: readonly Region[] = ['I', 'II', 'III', 'IV'];

/** Payment cycle (phương thức đóng). */
export type PaymentCycle = 'monthly' | 'quarterly' | 'semiannual';

/** Employer status (trạng thái đơn vị); its current value applies (no history). */
export type EmployerStatus =
  'active' | 'suspended' | 'absconded' | 'dissolving' | 'dissolved' | 'bankrupt' | 'debt-frozen';

/** The statuses whose debt is hard to collect (nợ khó thu, §1); `suspended` is not one. */
export const HARD_TO_COLLECT_STATUSES: readonly EmployerStatus[] = [
  'absconded',
  'dissolving',
  'dissolved',
  'bankrupt',
  'debt-frozen',
];

export function isHardToCollect(status: EmployerStatus): boolean {
  return HARD_TO_COLLECT_STATUSES.includes(status);
}

/** OA rate (tỷ lệ đóng TNLĐ-BNN): the standard rate or the approved reduction. */
export type OaRate = 'standard' | 'reduced';
