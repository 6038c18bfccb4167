import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../infrastructure/clock.js';
import { intPart, keysetPage, readCursor } from '../../infrastructure/http/keyset.js';
import type { Actor } from '../access/index.js';
import { AuditEvent } from './audit-event.entity.js';

/** Dotted verbs; features add theirs (`employer.update`, `case.transition`, …). */
export type AuditAction =
  | 'auth.login'
  | 'auth.login-failed'
  | 'auth.logout'
  | 'user.create'
  | 'office.create'
  | 'import.upload'
  | 'import.commit'
  | (string & {});

export interface AuditRecord {
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  action?: string;
  userId?: string;
  /** Who, by the email the event records (the user's at the time, or the one tried at sign-in). */
  email?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
  /** Events older than this id (the previous page's `nextCursor`). */
  cursor?: string;
}

/** The append-only audit trail: `record` is the only write; the table refuses UPDATE and DELETE. */
@Injectable()
export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /**
   * Records one event. With `tx` (the transaction of the change it records) the event is written in that
   * transaction: it stands or falls with the change. Without, it is written on its own (sign-ins).
   */
  async record(actor: Actor, event: AuditRecord, tx?: EntityManager): Promise<void> {
    const em = tx ?? this.em.fork();
    em.create(AuditEvent, {
      at: this.clock.now(),
      userId: actor.userId,
      email: actor.email?.slice(0, 254) ?? null,
      ip: actor.ip?.slice(0, 64) ?? null,
      action: event.action,
      objectType: event.objectType ?? null,
      objectId: event.objectId?.slice(0, 200) ?? null,
      details: event.details ?? null,
    });
    await em.flush();
  }

  /** The newest event about one object (who changed it last, and when). */
  async latestAbout(objectType: string, objectId: string): Promise<AuditEvent | null> {
    return this.em
      .fork()
      .findOne(AuditEvent, { objectType, objectId }, { orderBy: { id: 'desc' } });
  }

  /** Newest first, `limit` at a time; `nextCursor` is null on the last page. */
  async list(q: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
    const where: FilterQuery<AuditEvent> = {};
    if (q.action) where.action = q.action;
    if (q.userId) where.userId = q.userId;
    if (q.email) where.email = q.email.trim().toLowerCase();
    if (q.cursor !== undefined) where.id = { $lt: readCursor(q.cursor, [intPart])[0] };
    if (q.from || q.to) where.at = { ...(q.from && { $gte: q.from }), ...(q.to && { $lt: q.to }) };
    const rows = await this.em
      .fork()
      .find(AuditEvent, where, { orderBy: { id: 'desc' }, limit: q.limit + 1 });
    return keysetPage(rows, q.limit, (e) => [e.id]);
  }
}
