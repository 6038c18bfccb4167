/**
 * Whether employers have an open (active) case, as the inspection queue shows it. Cases (a module above
 * flags) own that; reconciliation (global, above both) provides it under {@link OPEN_CASE_READER}, so
 * flags never reach into cases.
 */
export interface OpenCaseReader {
  /** The newest active case of each of these employers (employers with none are absent). */
  activeCasesOf(unitCodes: readonly string[]): Promise<Map<string, number>>;
}

export const OPEN_CASE_READER = Symbol('OpenCaseReader');
