import { firstDayOf, parseDate, type IsoDate, type Period } from './dates.js';
import type { OaRate, Region } from './employer.js';
import { DomainError } from './errors.js';
import type { ChargeTag, ContributionFund } from './funds.js';

/**
 * One effective-dated reference value, the shape of `seeds/reference/*.json` entries and of the
 * `reference_value` table: kind, key, in force from a day, an integer value.
 */
export interface ReferenceValueRecord {
  kind: string;
  key: string;
  effectiveFrom: IsoDate;
  value: number;
  source?: string | null;
}

/** Contribution rates in basis points per fund, employer + employee shares added. */
export type FundRatesBp = Record<ContributionFund, number>;

/**
 * Key of an old-regime monthly interest k (Decision 595): `SI` is k_SI (charged on the SI and UI tags),
 * `HI` is k_HI.
 */
export type OldRegimeKKey = 'SI' | 'HI';

/** The k key a charge tag's interest uses: k_SI for SI and UI, k_HI for HI (§6). */
export function kKeyOf(tag: ChargeTag): OldRegimeKKey {
  return tag === 'HI' ? 'HI' : 'SI';
}

/** Denominator of the stored k values. */
export const K_SCALE = 1_000_000;

/** Lookups over effective-dated reference data; every lookup is by date, none reads a clock. */
export interface ReferenceData {
  /** Fund rates in force on `date` for the employer's OA rate. */
  ratesOn(date: IsoDate, oa: OaRate): FundRatesBp;
  /** Regional minimum wage (lương tối thiểu vùng) — the floor of the contribution base. */
  minimumWageOn(date: IsoDate, region: Region): number;
  /** Reference level / base salary (mức lương cơ sở / mức tham chiếu). */
  referenceLevelOn(date: IsoDate): number;
  /** SI and HI base cap = multiple × reference level. */
  siHiCapOn(date: IsoDate): number;
  /** UI base cap = multiple × the region's minimum wage. */
  uiCapOn(date: IsoDate, region: Region): number;
  /**
   * Daily charge rate in basis points per day in force on `date`, or null when no rate is in force then
   * (before the first entry). The switch between the regimes is the legal date `NEW_LAW_FROM`, not this
   * data: from that day a null here means the rate is missing (§6, "A k not yet known" by analogy).
   */
  dailyChargeBpOn(date: IsoDate): number | null;
  /** First day the data has a daily charge rate (2025-07-01); throws REFERENCE_DATA_MISSING when none. */
  dailyChargeFrom(): IsoDate;
  /**
   * Monthly k in millionths for `year` (yearly, in force from 1 January; 0.9666 % → 9666), or null when
   * that year's k is not entered yet: the caller reports the interest as rate-missing (§6).
   */
  oldRegimeK(year: number, key: OldRegimeKKey): number | null;
  /** Reference data in force on the 1st of the period (§3). */
  forPeriod(p: Period): { date: IsoDate };
}

interface Entry {
  from: IsoDate;
  value: number;
}

function isRecordLike(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Flattens parsed reference files (`{kind, values:[…]}`) and/or bare records into records. */
export function flattenReferenceFiles(input: readonly unknown[]): ReferenceValueRecord[] {
  const out: ReferenceValueRecord[] = [];
  const push = (kind: unknown, v: unknown) => {
    if (!isRecordLike(v)) throw invalid('entry is not an object', { entry: v });
    const { key, effectiveFrom, value, source } = v;
    if (typeof kind !== 'string' || typeof key !== 'string' || typeof effectiveFrom !== 'string') {
      throw invalid('entry needs kind, key and effectiveFrom', { entry: v });
    }
    parseDate(effectiveFrom);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw invalid('value must be a non-negative integer', { entry: v });
    }
    out.push({
      kind,
      key,
      effectiveFrom,
      value,
      source: typeof source === 'string' ? source : null,
    });
  };
  for (const f of input) {
    if (!isRecordLike(f)) throw invalid('reference file is not an object', {});
    if (Array.isArray(f['values'])) {
      for (const v of f['values'] as unknown[]) push(f['kind'], v);
    } else {
      push(f['kind'], f);
    }
  }
  return out;
}

function invalid(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('REFERENCE_DATA_INVALID', message, details);
}

function missing(what: string, details: Record<string, unknown>): DomainError {
  return new DomainError('REFERENCE_DATA_MISSING', `no reference data for ${what}`, details);
}

/** Builds date lookups from parsed reference JSON (no file access here: the caller reads the files). */
export function buildReferenceData(input: readonly unknown[]): ReferenceData {
  const records = flattenReferenceFiles(input);
  const series = new Map<string, Entry[]>();
  for (const r of records) {
    const k = `${r.kind}|${r.key}`;
    const list = series.get(k) ?? [];
    if (list.some((e) => e.from === r.effectiveFrom)) {
      throw invalid('duplicate effective date', {
        kind: r.kind,
        key: r.key,
        effectiveFrom: r.effectiveFrom,
      });
    }
    list.push({ from: r.effectiveFrom, value: r.value });
    series.set(k, list);
  }
  for (const list of series.values()) list.sort((a, b) => (a.from < b.from ? -1 : 1));

  const at = (kind: string, key: string, date: IsoDate): number => {
    parseDate(date);
    const list = series.get(`${kind}|${key}`);
    let found: Entry | undefined;
    for (const e of list ?? []) if (e.from <= date) found = e;
    if (!found) throw missing(`${kind} ${key} on ${date}`, { kind, key, date });
    return found.value;
  };
  const atOrZero = (kind: string, key: string, date: IsoDate): number =>
    series.has(`${kind}|${key}`) ? at(kind, key, date) : 0;

  const dailyList = series.get('daily-charge-rate|rate') ?? [];

  return {
    ratesOn(date, oa) {
      return {
        SI_SICK: at('rate', 'SI_SICK.employer', date) + atOrZero('rate', 'SI_SICK.employee', date),
        SI_RETIRE:
          at('rate', 'SI_RETIRE.employer', date) + atOrZero('rate', 'SI_RETIRE.employee', date),
        SI_OA: at('rate', `SI_OA.${oa}`, date),
        HI: at('rate', 'HI.employer', date) + atOrZero('rate', 'HI.employee', date),
        UI: at('rate', 'UI.employer', date) + atOrZero('rate', 'UI.employee', date),
      };
    },
    minimumWageOn: (date, region) => at('regional-minimum-wage', region, date),
    referenceLevelOn: (date) => at('reference-level', 'base', date),
    siHiCapOn: (date) => at('cap-multiple', 'SI_HI', date) * at('reference-level', 'base', date),
    uiCapOn: (date, region) =>
      at('cap-multiple', 'UI', date) * at('regional-minimum-wage', region, date),
    dailyChargeBpOn(date) {
      let v: number | null = null;
      for (const e of dailyList) if (e.from <= date) v = e.value;
      return v;
    },
    dailyChargeFrom() {
      const first = dailyList[0];
      if (!first)
        throw missing('the daily charge rate', { kind: 'daily-charge-rate', key: 'rate' });
      return first.from;
    },
    oldRegimeK(year, key) {
      const jan1 = `${String(year).padStart(4, '0')}-01-01`;
      const e = (series.get(`old-regime-k|${key}`) ?? []).find((x) => x.from === jan1);
      return e ? e.value : null;
    },
    forPeriod: (p) => ({ date: firstDayOf(p) }),
  };
}
