import { EmployerSnapshot } from '../../src/modules/snapshots/employer-snapshot.entity.js';
import { ReconciliationService } from '../../src/modules/reconciliation/reconciliation.service.js';
import { DB_KINDS } from '../support/harness.js';
import { type ServiceContext, startServiceContext } from '../support/service-harness.js';
import { arrangeTinyOffice, TINY_DAY, TINY_EXPECTED, TINY_OFFICE } from '../support/tiny-office.js';

/**
 * ReconciliationService.reconcile on imported facts: the snapshot it stores for an employer as of a day
 * holds the figures worked out by hand in tiny-office.ts (assessment, a payment's charge booking and
 * allocation, charges accrued to D − 1, months of debt, class, ageing, ratio and on-time figures).
 */
describe.each(DB_KINDS)('reconciliation on %s', (kind) => {
  let t: ServiceContext;
  const snapshots = (unitCode: string) =>
    t.em().find(EmployerSnapshot, { unitCode }, { orderBy: { day: 'asc' } });

  beforeAll(async () => {
    t = await startServiceContext(kind);
    await arrangeTinyOffice(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('TC0001C: a late payment booked its charge and settled month 01; month 02 is overdue on D', async () => {
    const summary = await t.ctx.get(ReconciliationService).reconcile(['TC0001C'], TINY_DAY);
    expect(summary).toMatchObject({
      asOf: TINY_DAY,
      employers: 1,
      failures: [],
      overduePrincipal: TINY_EXPECTED.TC0001C.overduePrincipal,
    });
    const [snapshot, ...others] = await snapshots('TC0001C');
    expect(others).toEqual([]);
    expect(snapshot).toMatchObject({
      day: TINY_DAY,
      officeCode: TINY_OFFICE,
      provinceCode: '67',
      runId: null,
      ...TINY_EXPECTED.TC0001C,
    });
  });

  it('TC0002D: five unpaid months are prolonged arrears, with charges accrued line by line', async () => {
    await t.ctx.get(ReconciliationService).reconcile(['TC0002D'], TINY_DAY);
    const [snapshot] = await snapshots('TC0002D');
    expect(snapshot).toMatchObject({ day: TINY_DAY, ...TINY_EXPECTED.TC0002D });
  });

  it('reconciling the day again replaces its snapshot with the same figures', async () => {
    const before = await snapshots('TC0001C');
    await t.ctx.get(ReconciliationService).reconcile(['TC0001C', 'TC0001C'], TINY_DAY);
    const after = await snapshots('TC0001C');
    expect(after).toHaveLength(1);
    const figures = ({ id: _id, computedAt: _at, ...rest }: EmployerSnapshot) => rest;
    expect(figures(after[0]!)).toEqual(figures(before[0]!));
  });

  it('an unknown unit is skipped, not a failure', async () => {
    const summary = await t.ctx.get(ReconciliationService).reconcile(['ZZ9999Z'], TINY_DAY);
    expect(summary).toMatchObject({ employers: 0, failures: [], overduePrincipal: 0 });
    expect(await snapshots('ZZ9999Z')).toEqual([]);
  });
});
