import { isValidDate } from '../../domain/dates.js';

/** How one kind of reference value is entered: its keys, its unit and the range a value must be in. */
export interface ReferenceKindRule {
  /** The keys of the kind (a fund share, a region, a k key). */
  keys: readonly string[];
  /** The stored integer's unit, as the console shows it. */
  unit: 'bp' | 'dong' | 'times' | 'bp-per-day' | 'millionths';
  min: number;
  max: number;
  /** Old-regime k is yearly: in force from 1 January, for the years of the monthly-interest regime. */
  yearly?: { fromYear: number; toYear: number };
}

/**
 * The kinds of reference data (seeds/reference/*.json) and what a value of each may be. Ranges are
 * sanity bounds against a typing slip (a k of 96660 for 0.9666 %, a wage in thousands), not law.
 */
export const REFERENCE_KINDS = {
  rate: {
    keys: [
      'SI_SICK.employer',
      'SI_SICK.employee',
      'SI_RETIRE.employer',
      'SI_RETIRE.employee',
      'SI_OA.standard',
      'SI_OA.reduced',
      'HI.employer',
      'HI.employee',
      'UI.employer',
      'UI.employee',
    ],
    unit: 'bp',
    min: 0,
    max: 3000,
  },
  'regional-minimum-wage': {
    keys: ['I', 'II', 'III', 'IV'],
    unit: 'dong',
    min: 1_000_000,
    max: 50_000_000,
  },
  'reference-level': { keys: ['base'], unit: 'dong', min: 500_000, max: 50_000_000 },
  'cap-multiple': { keys: ['SI_HI', 'UI'], unit: 'times', min: 1, max: 100 },
  'daily-charge-rate': { keys: ['rate'], unit: 'bp-per-day', min: 1, max: 100 },
  // 0.0001 % to 5 % a month; the monthly-interest regime ended on 2025-07-01 (domain.md §6)
  'old-regime-k': {
    keys: ['SI', 'HI'],
    unit: 'millionths',
    min: 1,
    max: 50_000,
    yearly: { fromYear: 1995, toYear: 2025 },
  },
} as const satisfies Record<string, ReferenceKindRule>;

export type ReferenceKind = keyof typeof REFERENCE_KINDS;

export function isReferenceKind(kind: string): kind is ReferenceKind {
  return Object.hasOwn(REFERENCE_KINDS, kind);
}

/** A value refused: which field, why, and what would have been accepted (the console says it in Vietnamese). */
export interface ReferenceProblem {
  field: 'key' | 'effectiveFrom' | 'value' | 'source';
  reason:
    | 'unknown-key'
    | 'not-a-date'
    | 'not-1-january'
    | 'year-out-of-range'
    | 'not-an-integer'
    | 'out-of-range'
    | 'required'
    | 'too-long';
  allowed?: readonly string[];
  min?: number;
  max?: number;
}

export interface ReferenceEntry {
  key: string;
  effectiveFrom: string;
  value: number;
  source: string;
}

/** The problems of a value entered for `kind` (none: it may be stored). */
export function checkReferenceEntry(
  kind: ReferenceKind,
  e: Partial<ReferenceEntry>,
): ReferenceProblem[] {
  const rule: ReferenceKindRule = REFERENCE_KINDS[kind];
  const out: ReferenceProblem[] = [];
  if (typeof e.key !== 'string' || !rule.keys.includes(e.key)) {
    out.push({ field: 'key', reason: 'unknown-key', allowed: rule.keys });
  }
  if (typeof e.effectiveFrom !== 'string' || !isValidDate(e.effectiveFrom)) {
    out.push({ field: 'effectiveFrom', reason: 'not-a-date' });
  } else {
    const year = Number(e.effectiveFrom.slice(0, 4));
    const range = rule.yearly ?? { fromYear: 1995, toYear: 2100 };
    if (year < range.fromYear || year > range.toYear) {
      out.push({
        field: 'effectiveFrom',
        reason: 'year-out-of-range',
        min: range.fromYear,
        max: range.toYear,
      });
    } else if (rule.yearly && !e.effectiveFrom.endsWith('-01-01')) {
      out.push({ field: 'effectiveFrom', reason: 'not-1-january' });
    }
  }
  if (typeof e.value !== 'number' || !Number.isSafeInteger(e.value)) {
    out.push({ field: 'value', reason: 'not-an-integer', min: rule.min, max: rule.max });
  } else if (e.value < rule.min || e.value > rule.max) {
    out.push({ field: 'value', reason: 'out-of-range', min: rule.min, max: rule.max });
  }
  if (typeof e.source !== 'string' || !e.source.trim()) {
    out.push({ field: 'source', reason: 'required' });
  } else if (e.source.length > 500) {
    out.push({ field: 'source', reason: 'too-long', max: 500 });
  }
  return out;
}
