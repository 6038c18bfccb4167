import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transaction.js';
import { Clock } from '../../infrastructure/clock.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import type { Actor, AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import { EmployerDirectory } from '../employers/index.js';
import { type Receipt, ReceiptStore, type ReceiptStatus } from '../ledger-facts/index.js';
import { ReceiptChangedError, ReceiptNotFoundError, UnknownUnitError } from './receipts.errors.js';

/** How a receipt on suspense (tied to no employer) shows its unit code. */
const SUSPENSE_UNIT = 'KM00000';

/**
 * The suspense queue: receipts no rule tied to an employer, or only by name (a suggestion). An officer
 * matches, re-matches or unmatches; both employers involved are reconciled again.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly receipts: ReceiptStore,
    private readonly employers: EmployerDirectory,
    private readonly transactions: Transactions,
    private readonly jobs: JobProducer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Receipts on suspense (no employer yet) are every officer's queue; a receipt tied or suggested to an
   * employer is seen within that employer's office only.
   */
  async list(q: {
    user: AuthUser;
    status?: ReceiptStatus;
    unitCode?: string;
    limit: number;
    cursor?: number;
  }) {
    const visibleUnits =
      q.user.scope === 'all' ? undefined : await this.employers.visibleUnits(q.user);
    const rows = await this.receipts.page(
      { status: q.status, unitCode: q.unitCode, afterId: q.cursor || undefined, visibleUnits },
      q.limit,
    );
    const page = rows.slice(0, q.limit);
    return {
      items: page.map(receiptView),
      nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
    };
  }

  /**
   * `expectedUnitCode`: the employer the officer saw the receipt tied to (null or `KM00000`: on
   * suspense); absent, the state read now. A receipt changed meanwhile → 409 RECEIPT_CHANGED naming who.
   */
  async match(
    id: number,
    unitCode: string,
    user: AuthUser,
    actor: Actor,
    expectedUnitCode?: string | null,
  ) {
    const found = await this.find(id, user);
    const expected = await this.expectedState(found, expectedUnitCode);
    await this.jobs.assertAvailable(); // the change is reconciled through the queue: Redis away, nothing changes
    const unit = unitCode.toUpperCase();
    const office = (await this.employers.officesOf([unit])).get(unit);
    if (!office || !scope.canSeeOffice(user, office)) throw new UnknownUnitError(unit);
    const before = found.unitCode ?? null;
    const receipt = await this.transactions.run(async (tx) => {
      const r = await this.receipts.assign(
        tx,
        id,
        {
          status: 'matched',
          unitCode: unit,
          method: 'officer',
          confidenceMilli: 1000,
          suggestion: null,
        },
        expected,
      );
      if (r === 'changed') return r;
      await this.audit.record(
        actor,
        {
          action: 'receipt.match',
          objectType: 'receipt',
          objectId: String(id),
          details: { from: before, to: unit },
        },
        tx,
      );
      return r;
    });
    if (!receipt) throw new ReceiptNotFoundError(id);
    if (receipt === 'changed') throw await this.changed(id);
    await this.reconcile([before, unit]);
    return { receipt: receiptView(receipt), previousUnitCode: before };
  }

  async unmatch(id: number, user: AuthUser, actor: Actor, expectedUnitCode?: string | null) {
    const found = await this.find(id, user);
    const expected = await this.expectedState(found, expectedUnitCode);
    await this.jobs.assertAvailable();
    const before = found.unitCode ?? null;
    const receipt = await this.transactions.run(async (tx) => {
      const r = await this.receipts.assign(
        tx,
        id,
        { status: 'unmatched', unitCode: null, method: 'officer', confidenceMilli: 0 },
        expected,
      );
      if (r === 'changed') return r;
      await this.audit.record(
        actor,
        {
          action: 'receipt.unmatch',
          objectType: 'receipt',
          objectId: String(id),
          details: { from: before },
        },
        tx,
      );
      return r;
    });
    if (!receipt) throw new ReceiptNotFoundError(id);
    if (receipt === 'changed') throw await this.changed(id);
    await this.reconcile([before]);
    return { receipt: receiptView(receipt), previousUnitCode: before };
  }

  /** The state the decision was taken on: the one the officer saw, which must still hold. */
  private async expectedState(
    found: Receipt,
    expectedUnitCode: string | null | undefined,
  ): Promise<string | null> {
    if (expectedUnitCode === undefined) return found.unitCode ?? null;
    const expected =
      expectedUnitCode === null || expectedUnitCode === SUSPENSE_UNIT ? null : expectedUnitCode;
    if (expected !== (found.unitCode ?? null)) throw await this.changed(found.id, found);
    return expected;
  }

  private async changed(id: number, now?: Receipt): Promise<ReceiptChangedError> {
    const r = now ?? (await this.receipts.get(id));
    const last = await this.audit.latestAbout('receipt', String(id));
    return new ReceiptChangedError(
      id,
      { unitCode: r?.unitCode ?? null, status: r?.status ?? 'unknown' },
      last ? { email: last.email ?? null, at: last.at, action: last.action } : null,
    );
  }

  /** A receipt the user may act on: on suspense, or tied/suggested to an employer of its offices. */
  private async find(id: number, user: AuthUser): Promise<Receipt> {
    const r = await this.receipts.get(id);
    if (!r) throw new ReceiptNotFoundError(id);
    const unit = r.unitCode ?? r.suggestion;
    if (unit && user.scope !== 'all') {
      const office = (await this.employers.officesOf([unit])).get(unit);
      if (!office || !scope.canSeeOffice(user, office)) throw new ReceiptNotFoundError(id);
    }
    return r;
  }

  private async reconcile(units: (string | null)[]): Promise<void> {
    const unitCodes = [...new Set(units.filter((u): u is string => !!u))];
    if (unitCodes.length) {
      await this.jobs.enqueue('reconcile.employer', {
        unitCodes,
        asOf: this.clock.today(),
      });
    }
  }
}

export function receiptView(r: Receipt) {
  return {
    id: r.id,
    valueDate: r.valueDate,
    amount: r.amount,
    bankRef: r.bankRef,
    memo: r.memo,
    payerName: r.payerName ?? null,
    status: r.status,
    unitCode: r.unitCode ?? SUSPENSE_UNIT,
    method: r.method ?? null,
    confidence: r.confidenceMilli / 1000,
    suggestion: r.suggestion ?? null,
  };
}
