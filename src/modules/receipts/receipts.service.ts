import { Injectable, Logger } from '@nestjs/common';
import { Transactions } from '../../database/transaction.js';
import { isValidDate } from '../../domain/dates.js';
import { Clock } from '../../infrastructure/clock.js';
import {
  type CursorPart,
  intPart,
  keysetPage,
  readCursor,
} from '../../infrastructure/http/keyset.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import type { Actor, AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import { EmployerDirectory } from '../employers/index.js';
import {
  type Receipt,
  type ReceiptFilter,
  ReceiptStore,
  type ReceiptStatus,
  type StoredSuggestion,
} from '../ledger-facts/index.js';
import { OfficesService } from '../offices/index.js';
import { ReceiptSuggestions } from './receipt-suggestions.service.js';
import {
  ReceiptChangedError,
  ReceiptMatchedError,
  ReceiptNotFoundError,
  UnknownOfficeError,
  UnknownUnitError,
} from './receipts.errors.js';

export interface ReceiptQueueQuery {
  user: AuthUser;
  status?: ReceiptStatus;
  unitCode?: string;
  method?: string;
  amountMin?: number;
  amountMax?: number;
  from?: string;
  to?: string;
  /** Value-date order: newest first (default) or oldest first. */
  order?: 'desc' | 'asc';
  limit: number;
  /** The `nextCursor` of the previous page (value date and id of its last receipt). */
  cursor?: string;
}

/** How a receipt on suspense (tied to no employer) shows its unit code. */
const SUSPENSE_UNIT = 'KM00000';

/**
 * The suspense queue: receipts no rule tied to an employer, or only by name (a suggestion), with their
 * ranked candidates (domain.md §8 step 5). An officer matches, re-matches or unmatches (both employers
 * involved are reconciled again), or sends a receipt to the office of its employer.
 */
@Injectable()
export class ReceiptsService {
  private readonly logger = new Logger(ReceiptsService.name);

  constructor(
    private readonly receipts: ReceiptStore,
    private readonly employers: EmployerDirectory,
    private readonly offices: OfficesService,
    private readonly suggestions: ReceiptSuggestions,
    private readonly transactions: Transactions,
    private readonly jobs: JobProducer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** What a user may see: receipts of their offices' employers, sent to their offices, or everyone's. */
  private async visibility(user: AuthUser): Promise<Partial<ReceiptFilter>> {
    if (user.scope === 'all') return {};
    return {
      visibleUnits: await this.employers.visibleUnits(user),
      visibleOffices: [...user.scope],
    };
  }

  /**
   * A page of the queue in value-date order (newest first unless asked), filtered; the suspense count and
   * total the user sees (summed by the database); each receipt with its ranked candidates and reasons.
   */
  async list(q: ReceiptQueueQuery) {
    const visible = await this.visibility(q.user);
    const filter: ReceiptFilter = {
      ...visible,
      status: q.status,
      unitCode: q.unitCode,
      method: q.method,
      amountMin: q.amountMin,
      amountMax: q.amountMax,
      from: q.from,
      to: q.to,
    };
    const direction = q.order ?? 'desc';
    const after = q.cursor ? readCursor(q.cursor, [datePart, intPart] as const) : undefined;
    const [rows, suspense] = await Promise.all([
      this.receipts.queue(
        filter,
        { direction, after: after && { valueDate: after[0], id: after[1] } },
        q.limit,
      ),
      this.receipts.suspenseTotals(visible),
    ]);
    const page = rows.slice(0, q.limit);
    const candidates = await this.receipts.suggestionsOf(
      page.filter((r) => !r.unitCode).map((r) => r.id),
    );
    const units = [...new Set([...candidates.values()].flat().map((c) => c.unitCode))];
    const known = new Map(
      (await this.employers.byUnits(units)).map((e) => [e.unitCode, e] as const),
    );
    return {
      order: direction,
      suspense,
      items: page.map((r) => ({
        ...receiptView(r),
        candidates: (candidates.get(r.id) ?? []).map((c) =>
          candidateView(c, known.get(c.unitCode)),
        ),
      })),
      nextCursor: keysetPage(rows, q.limit, (r) => [r.valueDate, r.id]).nextCursor,
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
          details: { from: before, to: unit, suggested: found.suggestion ?? null },
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
    // back on suspense: ranked again (its former employer's ledger no longer counts it)
    await this.suggestions.refresh({ ids: [id] }).catch((err: unknown) => {
      this.logger.warn({ id, err: (err as Error).message }, 'receipt not ranked after unmatch');
    });
    return {
      receipt: receiptView((await this.receipts.get(id)) ?? receipt),
      previousUnitCode: before,
    };
  }

  /**
   * Sends a receipt on suspense to another office's queue (its employer is theirs): it leaves the
   * sender's queue and appears in theirs. Audited in the same transaction.
   */
  async forward(id: number, office: string, user: AuthUser, actor: Actor) {
    const found = await this.find(id, user);
    if (found.unitCode) throw new ReceiptMatchedError(id, found.unitCode);
    if (!(await this.offices.codes()).has(office)) throw new UnknownOfficeError(office);
    const before = found.forwardedTo ?? null;
    const receipt = await this.transactions.run(async (tx) => {
      const r = await this.receipts.forward(tx, id, office);
      await this.audit.record(
        actor,
        {
          action: 'receipt.forward',
          objectType: 'receipt',
          objectId: String(id),
          details: { from: before, to: office },
        },
        tx,
      );
      return r;
    });
    if (!receipt) throw new ReceiptNotFoundError(id);
    return { receipt: receiptView(receipt), previousOffice: before };
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

  /**
   * A receipt the user may act on: tied to an employer of its offices, sent to one of its offices, or
   * on suspense with no suggestion or one of its offices' employers suggested.
   */
  private async find(id: number, user: AuthUser): Promise<Receipt> {
    const r = await this.receipts.get(id);
    if (!r) throw new ReceiptNotFoundError(id);
    if (user.scope === 'all') return r;
    if (!r.unitCode && r.forwardedTo) {
      if (!scope.canSeeOffice(user, r.forwardedTo)) throw new ReceiptNotFoundError(id);
      return r;
    }
    const unit = r.unitCode ?? r.suggestion;
    if (unit) {
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

const datePart: CursorPart<string> = (v) =>
  typeof v === 'string' && isValidDate(v) ? v : undefined;

function candidateView(c: StoredSuggestion, e: { name: string; officeCode: string } | undefined) {
  return {
    rank: c.rank,
    unitCode: c.unitCode,
    name: e?.name ?? null,
    officeCode: e?.officeCode ?? null,
    score: c.score,
    reasons: c.reasons,
  };
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
    forwardedTo: r.forwardedTo ?? null,
  };
}
