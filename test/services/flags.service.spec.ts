import type { FlagResult } from '../../src/domain/flags.js';
import { Flag } from '../../src/modules/flags/flag.entity.js';
import { FlagsService } from '../../src/modules/flags/flags.service.js';
import { DB_KINDS } from '../support/harness.js';
import { type ServiceContext, startServiceContext } from '../support/service-harness.js';

/**
 * FlagsService.applyEvaluation: the stored lifecycle of domain.md §9 — one open flag per (employer,
 * code), raised once and then updated in place; `condition-cleared` (kept, never deleted) when the
 * condition stops holding; a new flag when it holds again; an older day's evaluation changes nothing.
 */
describe.each(DB_KINDS)('flag application on %s', (kind) => {
  let t: ServiceContext;
  const apply = (asOf: string, flags: FlagResult[], monthsOfDebtMilli: number) =>
    t.ctx.get(FlagsService).applyEvaluation(t.em(), {
      unitCode: 'TC0002D',
      officeCode: '06703',
      asOf,
      flags,
      monthsOfDebtMilli,
    });
  const prolonged = (
    severity: FlagResult['severity'],
    overdue: number,
    monthsMilli: number,
  ): FlagResult => ({
    code: 'PROLONGED_ARREARS',
    severity,
    evidence: { monthsOfDebtMilli: monthsMilli, overduePrincipal: overdue },
    // overdue × (1 + months / 3), §9
    riskScore: Math.round((overdue * (3000 + monthsMilli)) / 3000),
  });
  const stored = () => t.em().find(Flag, { unitCode: 'TC0002D' }, { orderBy: { id: 'asc' } });

  beforeAll(async () => {
    t = await startServiceContext(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('raises a flag the first time its condition holds', async () => {
    // 5 months of 1,699,200: 8,496,000 × (1 + 5/3) = 22,656,000
    const counts = await apply('2026-04-15', [prolonged('medium', 8_496_000, 5000)], 5000);
    expect(counts).toEqual({ raised: 1, updated: 0, cleared: 0 });
    const [flag, ...more] = await stored();
    expect(more).toEqual([]);
    expect(flag).toMatchObject({
      code: 'PROLONGED_ARREARS',
      severity: 'medium',
      status: 'open',
      riskScore: 22_656_000,
      monthsOfDebtMilli: 5000,
      raisedOn: '2026-04-15',
      evaluatedOn: '2026-04-15',
      clearedOn: null,
    });
  });

  it('updates the open flag in place on a later day: severity, evidence, risk; not a second flag', async () => {
    const [before] = await stored();
    // 6 months of 1,699,200 = 10,195,200 → high (6 to < 12); 10,195,200 × 3 = 30,585,600
    const counts = await apply('2026-05-15', [prolonged('high', 10_195_200, 6000)], 6000);
    expect(counts).toEqual({ raised: 0, updated: 1, cleared: 0 });
    const flags = await stored();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      id: before!.id,
      severity: 'high',
      status: 'open',
      riskScore: 30_585_600,
      monthsOfDebtMilli: 6000,
      evidence: { monthsOfDebtMilli: 6000, overduePrincipal: 10_195_200 },
      raisedOn: '2026-04-15',
      evaluatedOn: '2026-05-15',
    });
  });

  it('an evaluation of an earlier day than the latest applied changes nothing', async () => {
    const before = await stored();
    const counts = await apply('2026-05-01', [], 0);
    expect(counts).toEqual({ raised: 0, updated: 0, cleared: 0 });
    expect(await stored()).toEqual(before);
  });

  it('marks the flag condition-cleared when the condition stops holding, and keeps it', async () => {
    const [before] = await stored();
    const counts = await apply('2026-06-15', [], 0);
    expect(counts).toEqual({ raised: 0, updated: 0, cleared: 1 });
    const flags = await stored();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      id: before!.id,
      status: 'condition-cleared',
      clearedOn: '2026-06-15',
      evaluatedOn: '2026-06-15',
      severity: 'high',
    });
    // nothing open, nothing to clear again
    expect(await apply('2026-06-16', [], 0)).toEqual({ raised: 0, updated: 0, cleared: 0 });
  });

  it('raises a new flag when the condition holds again, leaving the cleared one as it was', async () => {
    const [cleared] = await stored();
    const counts = await apply('2026-09-15', [prolonged('medium', 5_097_600, 3000)], 3000);
    expect(counts).toEqual({ raised: 1, updated: 0, cleared: 0 });
    const flags = await stored();
    expect(flags.map((f) => [f.id, f.status, f.severity, f.raisedOn, f.clearedOn ?? null])).toEqual(
      [
        [cleared!.id, 'condition-cleared', 'high', '2026-04-15', '2026-06-15'],
        [expect.any(Number), 'open', 'medium', '2026-09-15', null],
      ],
    );
    expect(flags[1]!.id).not.toBe(cleared!.id);
  });

  it("keeps the inspection queue's key on an employer's open flags: its highest open severity", async () => {
    const apply2 = (asOf: string, flags: FlagResult[]) =>
      t.ctx.get(FlagsService).applyEvaluation(t.em(), {
        unitCode: 'QK0001A',
        officeCode: '06703',
        asOf,
        flags,
        monthsOfDebtMilli: 7000,
      });
    const late: FlagResult = {
      code: 'REPEAT_LATE',
      severity: 'low',
      evidence: {},
      riskScore: 1,
    };
    const ranks = async () =>
      (await t.em().find(Flag, { unitCode: 'QK0001A' }, { orderBy: { code: 'asc' } })).map((f) => [
        f.code,
        f.status,
        f.queueRank,
      ]);
    await apply2('2026-05-31', [{ ...prolonged('high', 1, 7000), riskScore: 1 }, late]);
    expect(await ranks()).toEqual([
      ['PROLONGED_ARREARS', 'open', 3], // high
      ['REPEAT_LATE', 'open', 3], // the employer's row sorts by its highest severity
    ]);
    await apply2('2026-06-30', [late]);
    expect(await ranks()).toEqual([
      ['PROLONGED_ARREARS', 'condition-cleared', 0],
      ['REPEAT_LATE', 'open', 1], // low now
    ]);
  });
});
