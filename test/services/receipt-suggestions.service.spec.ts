import { join } from 'node:path';
import fc from 'fast-check';
import { lastDayOf } from '../../seeds/generator/calendar.js';
import { generateProvince } from '../../seeds/generator/generate.js';
import { writeProvince } from '../../seeds/generator/writers/province.js';
import { Receipt } from '../../src/modules/ledger-facts/receipt.entity.js';
import { ReceiptSuggestion } from '../../src/modules/ledger-facts/receipt-suggestion.entity.js';
import { OfficesService } from '../../src/modules/offices/offices.service.js';
import { ReceiptSuggestions } from '../../src/modules/receipts/receipt-suggestions.service.js';
import { ReconciliationService } from '../../src/modules/reconciliation/reconciliation.service.js';
import { tempDir } from '../fixtures/workbooks/build-workbook.js';
import { DB_KINDS } from '../support/harness.js';
import {
  importWorkbook,
  type ServiceContext,
  startServiceContext,
} from '../support/service-harness.js';

/** The methods of the rules that tie a receipt as it lands (domain.md §8 rules 0–3). */
const RULES = ['column', 'reference', 'unit-code', 'tax-code'];

/**
 * "No receipt ever matched without an officer" (product.md): on a generated province imported through
 * the import services, any sequence of suggestion refreshes (all receipts, a receipt, the candidates of
 * some employers) and reconciliations leaves every receipt's match exactly as the rules left it when it
 * landed, with suggestions only on receipts still on suspense.
 */
describe.each(DB_KINDS)('ranked suggestions never match a receipt, on %s', (kind) => {
  let t: ServiceContext;
  const province = generateProvince({ seed: 7, scale: 'small', months: 8 });
  const D = lastDayOf(province.options.endPeriod);
  const units = province.employers.map((e) => e.unitCode);
  const truth = new Map(province.receipts.map((r) => [r.bankRef, r]));

  const state = async () =>
    (await t.em().find(Receipt, {}, { orderBy: { id: 'asc' } })).map((r) => ({
      id: r.id,
      bankRef: r.bankRef,
      status: r.status,
      unitCode: r.unitCode ?? null,
      method: r.method ?? null,
      confidenceMilli: r.confidenceMilli,
    }));

  beforeAll(async () => {
    t = await startServiceContext(kind);
    const dir = tempDir('sothu-suggest-');
    const offices = t.ctx.get(OfficesService);
    for (const o of province.offices) await offices.create(o);
    const files = await writeProvince(province, dir, { truth: false });
    await importWorkbook(t, join(dir, files.employers), 'employers');
    await importWorkbook(t, join(dir, files.receivables), 'receivables');
    for (const r of files.rosters) await importWorkbook(t, join(dir, r), 'roster');
    for (const r of files.receipts) await importWorkbook(t, join(dir, r.file), 'receipts');
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('receipts as they landed: tied by rules 0–3 only, as the generator expects', async () => {
    const landed = await state();
    expect(landed).toHaveLength(province.receipts.length);
    for (const r of landed) {
      const want = truth.get(r.bankRef)!;
      if (r.status === 'matched') {
        expect(RULES).toContain(r.method);
        expect({ ref: r.bankRef, unit: r.unitCode, method: r.method }).toEqual({
          ref: r.bankRef,
          unit: want.expectedUnitCode,
          method: want.expectedMethod,
        });
      } else {
        expect(r.unitCode).toBeNull();
        expect(['none', 'name']).toContain(want.expectedMethod);
      }
    }
  });

  it('any sequence of refreshes and reconciliations changes no match, and suggests only for receipts on suspense', async () => {
    const suggestions = t.ctx.get(ReceiptSuggestions);
    const reconciliation = t.ctx.get(ReconciliationService);
    const before = await state();
    const ids = before.map((r) => r.id);
    const step = fc.oneof(
      fc.constant({ op: 'all' as const }),
      fc.subarray(ids, { minLength: 1, maxLength: 5 }).map((s) => ({ op: 'ids' as const, ids: s })),
      fc
        .subarray(units, { minLength: 1, maxLength: 6 })
        .map((s) => ({ op: 'candidates' as const, units: s })),
      fc
        .subarray(units, { minLength: 1, maxLength: 6 })
        .map((s) => ({ op: 'reconcile' as const, units: s })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 3 }), async (steps) => {
        for (const s of steps) {
          if (s.op === 'all') await suggestions.refresh({ all: true });
          else if (s.op === 'ids') await suggestions.refresh({ ids: s.ids });
          else if (s.op === 'candidates') await suggestions.refresh({ candidates: s.units });
          else await reconciliation.reconcile(s.units, D);
        }
        expect(await state()).toEqual(before);
        // suggestions: only on receipts on suspense, at most five, ranks 1…n, scores best first
        const stored = await t
          .em()
          .find(ReceiptSuggestion, {}, { orderBy: { receiptId: 'asc', rank: 'asc' } });
        const onSuspense = new Set(before.filter((r) => r.unitCode === null).map((r) => r.id));
        const byReceipt = new Map<number, ReceiptSuggestion[]>();
        for (const x of stored) {
          expect(onSuspense.has(x.receiptId)).toBe(true);
          byReceipt.set(x.receiptId, [...(byReceipt.get(x.receiptId) ?? []), x]);
        }
        for (const list of byReceipt.values()) {
          expect(list.length).toBeLessThanOrEqual(5);
          expect(list.map((x) => x.rank)).toEqual(list.map((_, k) => k + 1));
          expect(list.map((x) => x.score)).toEqual(
            [...list.map((x) => x.score)].sort((a, b) => b - a),
          );
        }
      }),
      { numRuns: 6 },
    );
    // after a refresh of all: each receipt on suspense names its best candidate as its suggestion
    // (a rule-4 name suggestion, which comes first in the rules, is kept)
    await suggestions.refresh({ all: true });
    const receipts = await t.em().find(Receipt, { unitCode: null });
    const stored = await t.em().find(ReceiptSuggestion, { rank: 1 });
    const top = new Map(stored.map((x) => [x.receiptId, x.unitCode]));
    let ranked = 0;
    for (const r of receipts) {
      if (r.method === 'name') continue;
      expect({ id: r.id, suggestion: r.suggestion ?? null }).toEqual({
        id: r.id,
        suggestion: top.get(r.id) ?? null,
      });
      if (top.has(r.id)) ranked++;
    }
    expect(ranked).toBeGreaterThan(0);
  });
});
