import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { businessToday } from '../../infrastructure/clock.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import type { Actor } from '../audit/actor.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import * as scope from '../auth/office-scope.js';
import { Employer } from '../employers/employer.entity.js';
import { employerOffices } from '../employers/employer-office.js';
import { Receipt, type ReceiptStatus } from './receipt.entity.js';
import { ReceiptNotFoundError, UnknownUnitError } from './receipts.errors.js';

/**
 * The suspense queue: receipts no rule tied to an employer, or only by name (a suggestion). An officer
 * matches, re-matches or unmatches; both employers involved are reconciled again.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobProducer,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const em = this.em.fork();
    const where: FilterQuery<Receipt> = {};
    if (q.user.scope !== 'all') {
      const units = (
        await em.find(Employer, scope.officeWhere(q.user), { fields: ['unitCode'] })
      ).map((e) => e.unitCode);
      where.$or = [
        { unitCode: { $in: units } },
        { unitCode: null, suggestion: null },
        { unitCode: null, suggestion: { $in: units } },
      ];
    }
    if (q.status) where.status = q.status;
    if (q.unitCode) where.unitCode = q.unitCode;
    if (q.cursor) where.id = { $gt: q.cursor };
    const rows = await this.em
      .fork()
      .find(Receipt, where, { orderBy: { id: 'asc' }, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map(receiptView),
      nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
    };
  }

  async match(id: number, unitCode: string, user: AuthUser, actor: Actor) {
    const em = this.em.fork();
    const receipt = await this.find(em, id, user);
    const unit = unitCode.toUpperCase();
    const office = (await employerOffices(em, [unit])).get(unit);
    if (!office || !scope.canSeeOffice(user, office)) throw new UnknownUnitError(unit);
    const before = receipt.unitCode ?? null;
    Object.assign(receipt, {
      status: 'matched',
      unitCode: unit,
      method: 'officer',
      confidenceMilli: 1000,
      suggestion: null,
    });
    await em.flush();
    await this.audit.record(actor, {
      action: 'receipt.match',
      objectType: 'receipt',
      objectId: String(id),
      details: { from: before, to: unit },
    });
    await this.reconcile([before, unit]);
    return { receipt: receiptView(receipt), previousUnitCode: before };
  }

  async unmatch(id: number, user: AuthUser, actor: Actor) {
    const em = this.em.fork();
    const receipt = await this.find(em, id, user);
    const before = receipt.unitCode ?? null;
    Object.assign(receipt, {
      status: 'unmatched',
      unitCode: null,
      method: 'officer',
      confidenceMilli: 0,
    });
    await em.flush();
    await this.audit.record(actor, {
      action: 'receipt.unmatch',
      objectType: 'receipt',
      objectId: String(id),
      details: { from: before },
    });
    await this.reconcile([before]);
    return { receipt: receiptView(receipt), previousUnitCode: before };
  }

  /** A receipt the user may act on: on suspense, or tied/suggested to an employer of its offices. */
  private async find(em: EntityManager, id: number, user: AuthUser): Promise<Receipt> {
    const r = await em.findOne(Receipt, { id });
    if (!r) throw new ReceiptNotFoundError(id);
    const unit = r.unitCode ?? r.suggestion;
    if (unit && user.scope !== 'all') {
      const office = (await employerOffices(em, [unit])).get(unit);
      if (!office || !scope.canSeeOffice(user, office)) throw new ReceiptNotFoundError(id);
    }
    return r;
  }

  private async reconcile(units: (string | null)[]): Promise<void> {
    const unitCodes = [...new Set(units.filter((u): u is string => !!u))];
    if (unitCodes.length) {
      await this.jobs.enqueue('reconcile.employer', {
        unitCodes,
        asOf: businessToday(this.config.businessTimeZone),
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
    unitCode: r.unitCode ?? 'KM00000',
    method: r.method ?? null,
    confidence: r.confidenceMilli / 1000,
    suggestion: r.suggestion ?? null,
  };
}
