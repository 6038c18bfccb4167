import { Employer } from '../../src/modules/employers/employer.entity.js';
import { ReceivableLine } from '../../src/modules/ledger-facts/receivable-line.entity.js';
import { ReconciliationService } from '../../src/modules/reconciliation/reconciliation.service.js';
import { ReferenceGap } from '../../src/modules/reference/reference-gap.entity.js';
import { ReferenceService } from '../../src/modules/reference/reference.service.js';
import { DB_KINDS } from '../support/harness.js';
import { type ServiceContext, startServiceContext } from '../support/service-harness.js';

/**
 * The gaps a reconciliation records (domain.md §6 "A k not yet known"): RKS0001 owes 10,000,000 of SI
 * for 11/2022 (due 2022-11-30), unpaid. As of 2023-02-15 the interests of 2023-01-01 and 2023-02-01
 * (base 10,000,000 each) need k_SI 2023, which the seeds lack; as of 2022-12-15 no interest is due yet
 * (2022-12-01 charges receivables due by 2022-10-31).
 */
describe.each(DB_KINDS)('reference gaps on %s', (kind) => {
  let t: ServiceContext;
  const gaps = () =>
    t.em().find(ReferenceGap, {}, { orderBy: { unitCode: 'asc', kind: 'asc', year: 'asc' } });

  beforeAll(async () => {
    t = await startServiceContext(kind);
    const em = t.em();
    em.create(Employer, {
      unitCode: 'RKS0001',
      name: 'Công ty RKS',
      officeCode: '09931',
      region: 'II',
      cycle: 'monthly',
      oaRateBp: 50,
      status: 'active',
    });
    em.create(ReceivableLine, {
      unitCode: 'RKS0001',
      period: '2022-11',
      fund: 'SI_RETIRE',
      amount: 10_000_000,
      dueDate: null,
      reason: '',
      batchId: '00000000-0000-0000-0000-000000000000',
    });
    await em.flush();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a reconciliation reports the employer as a warning and records the gap with its day', async () => {
    const summary = await t.ctx.get(ReconciliationService).reconcile(['RKS0001'], '2023-02-15');
    expect(summary).toMatchObject({
      employers: 1,
      failures: [],
      overduePrincipal: 10_000_000,
      warnings: [
        {
          unitCode: 'RKS0001',
          officeCode: '09931',
          code: 'REFERENCE_RATE_MISSING',
          missing: [{ kind: 'old-regime-k', key: 'SI', year: 2023 }],
          chargesNotBooked: 2,
        },
      ],
    });
    expect((await gaps()).map((g) => [g.unitCode, g.kind, g.key, g.year, g.asOf])).toEqual([
      ['RKS0001', 'old-regime-k', 'SI', 2023, '2023-02-15'],
    ]);
  });

  it('an earlier day reconciled later leaves the later figures’ gaps; a later day replaces them', async () => {
    const reconciliation = t.ctx.get(ReconciliationService);
    const earlier = await reconciliation.reconcile(['RKS0001'], '2022-12-15');
    expect(earlier.warnings).toEqual([]);
    expect((await gaps()).map((g) => g.asOf)).toEqual(['2023-02-15']);

    await reconciliation.reconcile(['RKS0001'], '2023-03-15');
    expect((await gaps()).map((g) => [g.year, g.asOf])).toEqual([[2023, '2023-03-15']]);

    const reference = t.ctx.get(ReferenceService);
    expect([...(await reference.gapUnits('old-regime-k', 'SI', '2023-01-01'))]).toEqual([
      ['2023-03-15', ['RKS0001']],
    ]);
    expect([...(await reference.gapUnits('old-regime-k', 'SI', '2022-01-01'))]).toEqual([]);
    expect(await reference.gaps()).toEqual([
      {
        kind: 'old-regime-k',
        key: 'SI',
        year: 2023,
        employers: 1,
        firstAsOf: '2023-03-15',
        lastAsOf: '2023-03-15',
      },
    ]);
  });

  it('once the k is stored, reconciling clears the gap and books the interest', async () => {
    const reference = t.ctx.get(ReferenceService);
    await reference.sync([
      { kind: 'old-regime-k', key: 'SI', effectiveFrom: '2023-01-01', value: 9500, source: 'test' },
    ]);
    const summary = await t.ctx.get(ReconciliationService).reconcile(['RKS0001'], '2023-03-15');
    expect(summary.warnings).toEqual([]);
    expect(await gaps()).toEqual([]);
    // 2023-01-01, -02-01, -03-01: 10,000,000 × 0.95 % each
    const ledger = await t.ctx.get(ReconciliationService).ledger('RKS0001', '2023-03-15');
    expect(ledger?.ledger.totals.chargesBooked).toBe(3 * 95_000);
  });
});
