import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { businessToday } from '../../infrastructure/clock.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import { Employer } from '../employers/employer.entity.js';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(q: { status?: ReceiptStatus; unitCode?: string; limit: number; cursor?: number }) {
    const where: FilterQuery<Receipt> = {};
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

  async match(id: number, unitCode: string) {
    const em = this.em.fork();
    const receipt = await this.find(em, id);
    const unit = unitCode.toUpperCase();
    if (!(await em.count(Employer, { unitCode: unit }))) throw new UnknownUnitError(unit);
    const before = receipt.unitCode ?? null;
    Object.assign(receipt, {
      status: 'matched',
      unitCode: unit,
      method: 'officer',
      confidenceMilli: 1000,
      suggestion: null,
    });
    await em.flush();
    await this.reconcile([before, unit]);
    return { receipt: receiptView(receipt), previousUnitCode: before };
  }

  async unmatch(id: number) {
    const em = this.em.fork();
    const receipt = await this.find(em, id);
    const before = receipt.unitCode ?? null;
    Object.assign(receipt, {
      status: 'unmatched',
      unitCode: null,
      method: 'officer',
      confidenceMilli: 0,
    });
    await em.flush();
    await this.reconcile([before]);
    return { receipt: receiptView(receipt), previousUnitCode: before };
  }

  private async find(em: EntityManager, id: number): Promise<Receipt> {
    const r = await em.findOne(Receipt, { id });
    if (!r) throw new ReceiptNotFoundError(id);
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
