import { z } from 'zod';
import { DEFAULT_FLAG_THRESHOLDS, type FlagThresholds } from '../../domain/flags.js';

const count = z.number().int().min(0);
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const monthsMilli = z.number().int().min(0).max(1_200_000);

const flagThresholds: z.ZodType<FlagThresholds> = z
  .object({
    prolongedMonthsMilli: monthsMilli,
    prolongedHighMonthsMilli: monthsMilli,
    prolongedCriticalMonthsMilli: monthsMilli,
    evasionDaysPastDue: z.number().int().min(0).max(3650),
    mismatchBasisPoints: z.number().int().min(0).max(10_000),
    mismatchMinAmount: money,
    windowMonths: z.number().int().min(1).max(120),
    criminalMonthsMilli: monthsMilli,
    criminalClauses: z
      .array(
        z
          .object({
            clause: z.number().int().min(1).max(9),
            overduePrincipal: money,
            persons: count,
          })
          .strict(),
      )
      .min(1)
      .max(9),
    repeatLatePercent: z.number().int().min(0).max(100),
    imminentHorizonDays: z.number().int().min(1).max(366),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (!(
      t.prolongedMonthsMilli <= t.prolongedHighMonthsMilli &&
      t.prolongedHighMonthsMilli <= t.prolongedCriticalMonthsMilli
    )) {
      ctx.addIssue({
        code: 'custom',
        path: ['prolongedHighMonthsMilli'],
        message: 'prolongedMonthsMilli ≤ prolongedHighMonthsMilli ≤ prolongedCriticalMonthsMilli',
      });
    }
    const clauses = t.criminalClauses.map((c) => c.clause);
    if (clauses.some((c, i) => i > 0 && c <= clauses[i - 1]!)) {
      ctx.addIssue({
        code: 'custom',
        path: ['criminalClauses'],
        message: 'clauses are listed lowest first, each once',
      });
    }
  }) as z.ZodType<FlagThresholds>;

/** Every policy key an administrator may set: its schema and its default (used until one is stored). */
export const POLICIES = {
  flagThresholds: { schema: flagThresholds, defaults: DEFAULT_FLAG_THRESHOLDS },
} as const;

export type PolicyKey = keyof typeof POLICIES;
export type PolicyValue<K extends PolicyKey> = z.infer<(typeof POLICIES)[K]['schema']>;

export function isPolicyKey(key: string): key is PolicyKey {
  return Object.hasOwn(POLICIES, key);
}
