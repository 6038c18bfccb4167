import { CursorInvalidError } from '../../src/infrastructure/http/keyset.js';
import { ArrearsService } from '../../src/modules/arrears/arrears.service.js';
import { EmployerSnapshot } from '../../src/modules/snapshots/employer-snapshot.entity.js';
import { SnapshotStore } from '../../src/modules/snapshots/snapshot.store.js';
import { DB_KINDS } from '../support/harness.js';
import {
  type ServiceContext,
  SPEC_ADMIN,
  startServiceContext,
} from '../support/service-harness.js';

type Row = Omit<EmployerSnapshot, 'id'>;

const DAY = '2026-10-31';
const OFFICES = ['06701', '06702'];

/**
 * 61 snapshots: owing principal in a few amounts only (many ties, which the unit code orders), some
 * owing only charges (principal 0: they rank last), some owing nothing (not listed).
 */
function rows(): Row[] {
  return Array.from({ length: 61 }, (_, i) => {
    const overdue = i % 6 === 0 ? 0 : [5_000_000, 1_200_000, 1_200_000, 750_000][i % 4]!;
    const charges = i % 6 === 0 ? (i % 12 === 0 ? 0 : 4_321) : 1_000;
    return {
      day: DAY,
      // the unit codes are not in the order they are written in
      unitCode: `PG${String((i * 37) % 61).padStart(5, '0')}`,
      officeCode: OFFICES[i % 2]!,
      provinceCode: '67',
      overduePrincipal: overdue,
      principalOutstanding: overdue,
      chargesUnpaid: charges,
      credit: 0,
      monthsOfDebtMilli: overdue ? 2000 : 0,
      debtClass: overdue ? 'late' : null,
      hardToCollect: false,
      ageing: (overdue ? { lt1: overdue } : {}) as Record<string, number>,
      ytdReceivable: 10_000_000,
      onTimeSettled: null,
      onTimeReceivable: null,
      runId: null,
      computedAt: new Date('2026-11-01T00:00:00Z'),
    };
  });
}

/** The ranking the list must show, worked out here: owing employers by overdue principal, then code. */
function ranking(all: Row[], office?: string): string[] {
  return all
    .filter(
      (r) =>
        (!office || r.officeCode === office) && (r.overduePrincipal > 0 || r.chargesUnpaid > 0),
    )
    .sort((a, b) => b.overduePrincipal - a.overduePrincipal || (a.unitCode < b.unitCode ? -1 : 1))
    .map((r) => r.unitCode);
}

/**
 * `GET /api/arrears` pages with a keyset cursor (the previous page's last sort key): following
 * `nextCursor` visits every owing employer once, in the ranking's order, through runs of equal amounts
 * that straddle page ends; the totals are the whole scope's on every page; a cursor it did not write is
 * refused.
 */
describe.each(DB_KINDS)('arrears list pages on %s', (kind) => {
  let t: ServiceContext;
  let arrears: ArrearsService;
  const all = rows();

  beforeAll(async () => {
    t = await startServiceContext(kind);
    arrears = t.ctx.get(ArrearsService);
    await t.em().transactional((tx) => t.ctx.get(SnapshotStore).upsert(tx, all));
  });
  afterAll(async () => {
    await t?.close();
  });

  const walk = async (limit: number, office?: string) => {
    const seen: string[] = [];
    const employers = new Set<number>();
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await arrears.arrears({ user: SPEC_ADMIN, asOf: DAY, office, limit, cursor });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((i) => i.unitCode));
      employers.add(page.totals.employers);
      if (!page.nextCursor) return { seen, employers, pages: pages + 1 };
      cursor = page.nextCursor;
    }
    throw new Error('the pages never ended');
  };

  it.each([1, 4, 7, 500])('%i a page: every owing employer once, in the ranking', async (limit) => {
    const expected = ranking(all);
    const { seen, employers, pages } = await walk(limit);
    expect(seen).toEqual(expected);
    expect([...employers]).toEqual([expected.length]);
    expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
  });

  it("one office's pages", async () => {
    const { seen, employers } = await walk(5, '06702');
    expect(seen).toEqual(ranking(all, '06702'));
    expect([...employers]).toEqual([ranking(all, '06702').length]);
  });

  it('refuses a cursor it did not write (an old offset, a forged key)', async () => {
    for (const cursor of [
      '30',
      Buffer.from('["x","PG00001"]').toString('base64url'),
      'not-a-cursor',
    ])
      await expect(
        arrears.arrears({ user: SPEC_ADMIN, asOf: DAY, limit: 5, cursor }),
      ).rejects.toThrow(CursorInvalidError);
  });
});
