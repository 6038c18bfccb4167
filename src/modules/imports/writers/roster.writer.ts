import type { CopyTextBuffer } from '../../../database/bulk-insert.js';
import type { Tx } from '../../../database/transaction.js';
import { firstDayOf, lastDayOf } from '../../../domain/dates.js';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import type {
  DeclaredTotalRecord,
  EmployerPaymentRecord,
  RosterLineRecord,
  RosterRecord,
} from '../schema/records.js';
import { type FileChecks, type KeptText, KindWriter } from './kind-writer.js';
import { OverlapScan, RosterIntervals } from './roster-overlaps.js';

/** Months a batch covers for one unit: from its earliest from-month to its latest to-month (null: open). */
interface Coverage {
  from: string;
  to: string | null;
}

/**
 * Rosters (D02-LT). Re-import key: per employer, the months the batch covers — a later batch replaces the
 * earlier lines of those months (lines reaching outside them are cut to the months outside). Declared
 * totals are keyed by unit and period; stated payments are replaced over the dates the batch's cover.
 * Sheets of declared totals and payments without a unit code belong to the roster's single unit.
 *
 * A line that shares a month with an earlier line of the same person is refused. The parse finds those
 * with an OverlapScan (bounded memory, reported at the end of the file) and keeps the rows it refused
 * (FileChecks) for the commit, which then refuses the same rows as they stream and holds nothing per
 * person; a commit without them (a batch parsed before they were kept) checks as it goes with an
 * in-memory RosterIntervals.
 */
export class RosterWriter extends KindWriter<RosterRecord> {
  private units = new Set<string>();
  private readonly scan = this.pass.job === 'parse' ? new OverlapScan() : null;
  private readonly carried =
    this.pass.job === 'commit' && this.pass.carried ? bySheet(this.pass.carried) : null;
  private readonly intervals = !this.scan && !this.carried ? new RosterIntervals() : null;
  private found: FileChecks | null = null;
  private readonly coverage = new Map<string, Coverage>();
  private readonly declared: DeclaredTotalRecord[] = [];
  private readonly payments: EmployerPaymentRecord[] = [];
  private readonly declaredKeys = new Set<string>();
  /** Every unit the file names (the parse's; what its checks depended on, for keeping rows). */
  private readonly named = new Set<string>();
  /** Whether the covered months were given to the batch already (before its kept lines were written). */
  private monthsReplaced = false;

  async prepare(em: Tx): Promise<void> {
    this.units = await this.stores.employers.knownUnitCodes(em);
  }

  async accept(records: readonly RosterRecord[], em: Tx): Promise<RosterRecord[]> {
    const out: RosterRecord[] = [];
    if (this.scan) for (const r of records) if (r.unitCode) this.named.add(r.unitCode);
    for (const r of await this.inScope(records, em)) {
      if (r.type !== 'line') {
        // resolved at the end, when the roster's units are known
        if (r.type === 'declaredTotal') this.declared.push(r);
        else this.payments.push(r);
        out.push(r);
        continue;
      }
      const known = this.units.has(r.unitCode);
      this.scan?.add(r, r.fromMonth, r.toMonth, known);
      if (!known) {
        this.refuse(r, ProblemCode.UNKNOWN_UNIT, unknownUnit(r.unitCode));
        continue;
      }
      if (
        this.carried?.get(r.sheet)?.has(r.row) ||
        this.intervals?.add(r.unitCode, r.siNumber, r.fromMonth, r.toMonth) === false
      ) {
        this.refuse(r, ProblemCode.ROSTER_OVERLAP, overlapMessage(r));
        continue;
      }
      this.cover(r);
      out.push(r);
    }
    return out;
  }

  private cover(r: RosterLineRecord): void {
    const c = this.coverage.get(r.unitCode);
    if (!c) {
      this.coverage.set(r.unitCode, { from: r.fromMonth, to: r.toMonth });
      return;
    }
    if (r.fromMonth < c.from) c.from = r.fromMonth;
    if (c.to !== null && (r.toMonth === null || r.toMonth > c.to)) c.to = r.toMonth;
  }

  /** Declared totals and stated payments with their unit resolved; the rest reported. Call once, at the end. */
  resolveSideSheets(): { declared: DeclaredTotalRecord[]; payments: EmployerPaymentRecord[] } {
    const rosterUnits = [...this.coverage.keys()];
    const resolve = <T extends DeclaredTotalRecord | EmployerPaymentRecord>(r: T): T | null => {
      const unit = r.unitCode ?? (rosterUnits.length === 1 ? rosterUnits[0]! : null);
      if (!unit) {
        this.refuse(
          r,
          ProblemCode.AMBIGUOUS_UNIT,
          rosterUnits.length
            ? `This row names no unit and the roster has ${rosterUnits.length} units; add a unit code column`
            : 'This row names no unit and the roster has no valid lines to take it from',
        );
        return null;
      }
      if (!this.units.has(unit)) {
        this.refuse(r, ProblemCode.UNKNOWN_UNIT, unknownUnit(unit));
        return null;
      }
      return { ...r, unitCode: unit };
    };
    const declared: DeclaredTotalRecord[] = [];
    for (const r of this.declared) {
      const d = resolve(r);
      if (!d) continue;
      const key = `${d.unitCode}|${d.period}`;
      if (this.declaredKeys.has(key)) {
        this.refuse(
          d,
          ProblemCode.DUPLICATE_KEY,
          `Period ${d.period} of ${d.unitCode} is declared twice in this file`,
        );
        continue;
      }
      this.declaredKeys.add(key);
      declared.push(d);
    }
    const payments = this.payments
      .map(resolve)
      .filter((p): p is EmployerPaymentRecord => p !== null);
    return { declared, payments };
  }

  override endChecks(): number {
    let refused = 0;
    if (this.scan) {
      const refusedRows: Record<string, number[]> = {};
      for (const o of this.scan.overlaps()) {
        (refusedRows[o.sheet] ??= []).push(o.row);
        if (!o.accepted) continue; // refused already (its unit is not registered)
        this.refuse(o, ProblemCode.ROSTER_OVERLAP, overlapMessage(o));
        refused++;
      }
      this.found = { refusedRows };
    }
    const before = this.declared.length + this.payments.length;
    const { declared, payments } = this.resolveSideSheets();
    return refused + before - declared.length - payments.length;
  }

  override fileChecks(): FileChecks | null {
    return this.found;
  }

  override get keepsRows(): boolean {
    return true;
  }

  override keepText(records: readonly RosterRecord[], into: CopyTextBuffer): number {
    let rows = 0;
    for (const r of records) {
      if (r.type !== 'line') continue;
      this.stores.facts.rosterLineText(this.batchId, r, into);
      rows++;
    }
    return rows;
  }

  /**
   * Kept when no line overlapped another (overlaps are found at the end of the file, after the lines
   * were kept): what each unit the file names was to the checks, the months covered, the side sheets.
   */
  override async keptMeta(em: Tx): Promise<KeptRoster | null> {
    if (!this.found || Object.keys(this.found.refusedRows).length) return null;
    return {
      units: await this.unitStanding([...this.named], em),
      coverage: [...this.coverage],
      declared: this.declared,
      payments: this.payments,
    };
  }

  override async takeKept(meta: unknown, tx: Tx): Promise<boolean> {
    const kept = meta as KeptRoster;
    const units = Object.keys(kept.units);
    const now = await this.unitStanding(units, tx);
    if (units.some((u) => now[u] !== kept.units[u])) return false;
    for (const [unit, c] of kept.coverage) this.coverage.set(unit, c);
    this.declared.push(...kept.declared);
    this.payments.push(...kept.payments);
    return true;
  }

  /**
   * The kept lines, once the months the batch covers have been given to it: the months are known from the
   * parse, and the queries that find the earlier batches' lines in them (by unit, then month) then never
   * pass over the batch's own new lines (a 1M-line roster's commit spent ~2 s of SQLite on them).
   */
  override async writeKept(tx: Tx, text: KeptText): Promise<number> {
    await this.replaceCoveredMonths(tx);
    return this.stores.facts.insertRosterLineText(tx, text);
  }

  /** What the checks make of each unit: registered and writable, unregistered, or another office's. */
  private async unitStanding(
    units: readonly string[],
    em: Tx,
  ): Promise<Record<string, UnitStanding>> {
    const offices = this.scope === 'all' ? null : await this.stores.employers.officesOf(units, em);
    const out: Record<string, UnitStanding> = {};
    for (const u of units) {
      const office = offices?.get(u);
      out[u] =
        office !== undefined && !this.mayWrite(office)
          ? 'outside'
          : this.units.has(u)
            ? 'ok'
            : 'unknown';
    }
    return out;
  }

  override close(): void {
    this.scan?.close();
  }

  async write(tx: Tx, records: readonly RosterRecord[]): Promise<number> {
    const lines = records.filter((r): r is RosterLineRecord => r.type === 'line');
    return this.stores.facts.insertRosterLines(tx, this.batchId, lines);
  }

  override async finish(tx: Tx): Promise<number> {
    if (!this.monthsReplaced) await this.replaceCoveredMonths(tx);
    const { declared, payments } = this.resolveSideSheets();
    await this.stores.facts.upsertDeclaredTotals(
      tx,
      this.batchId,
      declared.map((d) => ({
        unitCode: d.unitCode!,
        period: d.period,
        total: d.total,
        amounts: d.amounts as Record<string, number>,
      })),
    );
    await this.replaceStatedPayments(tx, payments);
    declared.forEach((d) => this.affectedUnits.add(d.unitCode!));
    return declared.length + payments.length;
  }

  /** Gives each unit's covered months to the batch (see `replaceRosterMonths`); once. */
  private async replaceCoveredMonths(tx: Tx): Promise<void> {
    for (const [unitCode, c] of this.coverage) {
      this.affectedUnits.add(unitCode);
      await this.stores.facts.replaceRosterMonths(tx, this.batchId, { unitCode, ...c });
    }
    this.monthsReplaced = true;
  }

  /** Per unit, the payments replace the earlier ones of the months from the first to the last payment date. */
  private async replaceStatedPayments(tx: Tx, payments: EmployerPaymentRecord[]): Promise<void> {
    const byUnit = new Map<string, EmployerPaymentRecord[]>();
    for (const p of payments) byUnit.set(p.unitCode!, [...(byUnit.get(p.unitCode!) ?? []), p]);
    for (const [unitCode, list] of byUnit) {
      const dates = list.map((p) => p.paidOn).sort();
      const from = firstDayOf(dates[0]!.slice(0, 7));
      const to = lastDayOf(dates[dates.length - 1]!.slice(0, 7));
      await this.stores.facts.replaceStatedPayments(
        tx,
        this.batchId,
        { unitCode, from, to },
        list.map((p) => ({ paidOn: p.paidOn, amount: p.amount, orderNo: p.orderNo, note: p.note })),
      );
      this.affectedUnits.add(unitCode);
    }
  }
}

type UnitStanding = 'ok' | 'unknown' | 'outside';

/** What a roster's commit takes over from its parse beside the kept lines. */
interface KeptRoster {
  units: Record<string, UnitStanding>;
  coverage: [string, Coverage][];
  declared: DeclaredTotalRecord[];
  payments: EmployerPaymentRecord[];
}

function overlapMessage(r: {
  siNumber: string;
  unitCode: string;
  fromMonth: string;
  toMonth: string | null;
}): string {
  return `SI number ${r.siNumber} already has a line of ${r.unitCode} in this file covering some of the months ${r.fromMonth}–${r.toMonth ?? 'on'}; one person has one line per month`;
}

function bySheet(checks: FileChecks): Map<string, Set<number>> {
  return new Map(Object.entries(checks.refusedRows).map(([sheet, rows]) => [sheet, new Set(rows)]));
}

export function unknownUnit(unitCode: string): string {
  return `Unit ${unitCode} is not in the employer registry; import the employers workbook first`;
}
