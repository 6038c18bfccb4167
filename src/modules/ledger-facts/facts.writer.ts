import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  bulkInsert,
  chunks,
  type CopyTextBuffer,
  copyTextRows,
  insertCopyText,
} from '../../database/bulk-insert.js';
import { addMonths } from '../../domain/dates.js';
import { DeclaredTotal } from './declared-total.entity.js';
import type {
  DeclaredTotalRow,
  NewReceiptRow,
  OpeningBalanceRow,
  ReceivableLineRow,
  RosterCoverage,
  RosterLineRow,
  StatedPaymentRow,
  StatedPaymentSpan,
} from './fact-rows.js';
import { OpeningBalance } from './opening-balance.entity.js';
import { Receipt } from './receipt.entity.js';
import { ReceivableLine } from './receivable-line.entity.js';
import { RosterLine } from './roster-line.entity.js';
import { StatedPayment } from './stated-payment.entity.js';

const ROSTER_COLUMNS = [
  'unit_code',
  'si_number',
  'name',
  'salary',
  'allowances',
  'from_month',
  'to_month',
  'batch_id',
];

/** Rows per upsert / insert statement through the ORM. */
const ORM_CHUNK = 500;
const IN_CHUNK = 500;

function rosterValues(batchId: string, lines: readonly RosterLineRow[]): unknown[][] {
  return lines.map((r) => [
    r.unitCode,
    r.siNumber,
    r.name,
    r.salary,
    r.allowances,
    r.fromMonth,
    r.toMonth,
    batchId,
  ]);
}

/**
 * The one writer of the imported facts (roster lines, declared totals, stated payments, receivable lines,
 * opening balances, receipts): the importers write through it, bulk paths included. Writes run inside
 * the caller's transaction (`tx`), so a batch lands whole or not at all; each row is stamped with the
 * batch that wrote it. Which rows a batch replaces (its re-import key) is the importer's decision; how
 * they are replaced is this module's.
 */
@Injectable()
export class LedgerFactsWriter {
  /**
   * Roster lines in bulk, straight through the connection (the ORM's per-entity work costs more than the
   * database does at this volume); returns rows written.
   */
  async insertRosterLines(
    tx: EntityManager,
    batchId: string,
    lines: readonly RosterLineRow[],
  ): Promise<number> {
    await bulkInsert(tx, 'roster_line', ROSTER_COLUMNS, rosterValues(batchId, lines));
    return lines.length;
  }

  /**
   * A roster line as `insertRosterLineText` takes it back: one line of COPY text (ROSTER_COLUMNS' order),
   * written into `into` (the importer keeps them between its parse and its commit).
   */
  rosterLineText(batchId: string, line: RosterLineRow, into: CopyTextBuffer): void {
    into.field(line.unitCode);
    into.field(line.siNumber);
    into.field(line.name);
    into.field(line.salary);
    into.field(line.allowances);
    into.field(line.fromMonth);
    into.field(line.toMonth);
    into.field(batchId);
    into.endLine();
  }

  /**
   * Roster lines from text made by `rosterLineText` (whole lines, in chunks): streamed straight into
   * PostgreSQL's COPY, or decoded into SQLite's bulk inserts. Returns rows written.
   */
  async insertRosterLineText(
    tx: EntityManager,
    text: (reading?: { reused?: boolean }) => AsyncIterable<Buffer>,
  ): Promise<number> {
    let rows = 0;
    const counted = async function* () {
      for await (const part of text()) {
        for (let i = part.indexOf(0x0a); i !== -1; i = part.indexOf(0x0a, i + 1)) rows++;
        yield part;
      }
    };
    if (await copyTextRows(tx, 'roster_line', ROSTER_COLUMNS, counted())) return rows;
    // salary and allowances are numbers; each chunk is decoded before the next is read (into the same memory)
    return insertCopyText(tx, 'roster_line', ROSTER_COLUMNS, [3, 4], text({ reused: true }));
  }

  /**
   * Gives the months a batch covers for one unit to that batch: other batches' lines wholly inside them
   * go, lines reaching outside keep only their months outside (a line spanning both sides is split).
   */
  async replaceRosterMonths(tx: EntityManager, batchId: string, c: RosterCoverage): Promise<void> {
    const earlier = { unitCode: c.unitCode, batchId: { $ne: batchId } };
    // lines wholly inside the covered months go
    await tx.nativeDelete(RosterLine, {
      ...earlier,
      fromMonth: { $gte: c.from },
      ...(c.to === null ? {} : { toMonth: { $ne: null, $lte: c.to } }),
    });
    // lines reaching outside keep only their months outside
    const overlapping = await tx.find(RosterLine, {
      ...earlier,
      ...(c.to === null ? {} : { fromMonth: { $lte: c.to } }),
      $or: [{ toMonth: null }, { toMonth: { $gte: c.from } }],
    });
    for (const line of overlapping) {
      const before = line.fromMonth < c.from ? { ...line, toMonth: addMonths(c.from, -1) } : null;
      const after =
        c.to !== null && (line.toMonth == null || line.toMonth > c.to)
          ? { ...line, fromMonth: addMonths(c.to, 1) }
          : null;
      if (before) Object.assign(line, { toMonth: before.toMonth });
      else if (after) Object.assign(line, { fromMonth: after.fromMonth });
      if (before && after) {
        tx.create(RosterLine, {
          unitCode: line.unitCode,
          siNumber: line.siNumber,
          name: line.name,
          salary: line.salary,
          allowances: line.allowances,
          fromMonth: after.fromMonth,
          toMonth: after.toMonth,
          batchId: line.batchId,
        });
      }
    }
    await tx.flush();
  }

  /** Declared totals keyed by unit and period: a later batch's totals replace the earlier ones. */
  async upsertDeclaredTotals(
    tx: EntityManager,
    batchId: string,
    rows: readonly DeclaredTotalRow[],
  ): Promise<number> {
    for (const part of chunks(rows, ORM_CHUNK)) {
      await tx.upsertMany(
        DeclaredTotal,
        part.map((d) => ({
          unitCode: d.unitCode,
          period: d.period,
          total: d.total,
          amounts: d.amounts,
          batchId,
        })),
        { onConflictFields: ['unitCode', 'period'], onConflictAction: 'merge' },
      );
    }
    return rows.length;
  }

  /** One unit's stated payments over the span: other batches' payments of those days give way to these. */
  async replaceStatedPayments(
    tx: EntityManager,
    batchId: string,
    span: StatedPaymentSpan,
    rows: readonly StatedPaymentRow[],
  ): Promise<number> {
    await tx.nativeDelete(StatedPayment, {
      unitCode: span.unitCode,
      batchId: { $ne: batchId },
      paidOn: { $gte: span.from, $lte: span.to },
    });
    for (const part of chunks(rows, 1000)) {
      await tx.insertMany(
        StatedPayment,
        part.map((p) => ({
          unitCode: span.unitCode,
          paidOn: p.paidOn,
          amount: p.amount,
          orderNo: p.orderNo,
          note: p.note,
          batchId,
        })),
      );
    }
    return rows.length;
  }

  /** Receivable lines keyed by (unit, period, fund, reason): a later batch's amount wins. */
  async upsertReceivableLines(
    tx: EntityManager,
    batchId: string,
    rows: readonly ReceivableLineRow[],
  ): Promise<number> {
    for (const part of chunks(rows, ORM_CHUNK)) {
      await tx.upsertMany(
        ReceivableLine,
        part.map((r) => ({
          unitCode: r.unitCode,
          period: r.period,
          fund: r.fund,
          amount: r.amount,
          dueDate: r.dueDate,
          reason: r.reason,
          batchId,
        })),
        {
          onConflictFields: ['unitCode', 'period', 'fund', 'reason'],
          onConflictAction: 'merge',
        },
      );
    }
    return rows.length;
  }

  /** Opening balances keyed by (unit, period): a later batch's balance wins. */
  async upsertOpeningBalances(
    tx: EntityManager,
    batchId: string,
    rows: readonly OpeningBalanceRow[],
  ): Promise<number> {
    for (const part of chunks(rows, ORM_CHUNK)) {
      await tx.upsertMany(
        OpeningBalance,
        part.map((r) => ({
          unitCode: r.unitCode,
          period: r.period,
          name: r.name,
          closingBalance: r.closingBalance,
          payable: r.payable,
          monthsOfDebtMilli: r.monthsOfDebtMilli,
          batchId,
        })),
        { onConflictFields: ['unitCode', 'period'], onConflictAction: 'merge' },
      );
    }
    return rows.length;
  }

  /** New receipts (their bank references not yet stored: see `storedBankRefs`). */
  async insertReceipts(
    tx: EntityManager,
    batchId: string,
    rows: readonly NewReceiptRow[],
  ): Promise<number> {
    for (const part of chunks(rows, ORM_CHUNK)) {
      await tx.insertMany(
        Receipt,
        part.map((r) => ({
          valueDate: r.valueDate,
          amount: r.amount,
          memo: r.memo,
          payerName: r.payerName,
          bankRef: r.bankRef,
          statementUnitCode: r.statementUnitCode,
          status: r.status,
          unitCode: r.unitCode,
          method: r.method,
          confidenceMilli: r.confidenceMilli,
          suggestion: r.suggestion,
          batchId,
        })),
      );
    }
    return rows.length;
  }

  /** Those of the bank references that a stored receipt already has (read through the caller's handle). */
  async storedBankRefs(em: EntityManager, bankRefs: readonly string[]): Promise<Set<string>> {
    const stored = new Set<string>();
    for (const part of chunks(bankRefs, IN_CHUNK)) {
      const rows = await em.find(Receipt, { bankRef: { $in: part } }, { fields: ['bankRef'] });
      rows.forEach((r) => stored.add(r.bankRef));
    }
    return stored;
  }
}
