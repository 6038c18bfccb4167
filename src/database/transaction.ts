import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

/**
 * A database transaction as modules that own no table see it: a handle to pass to the owners' write
 * methods (and to `AuditService.record`), so a change and its audit event commit together. Only the
 * owning modules read or write through it.
 */
export type Tx = EntityManager;

/** Opens transactions for modules that coordinate several owners' writes. */
@Injectable()
export class Transactions {
  constructor(private readonly em: EntityManager) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.em.fork().transactional(work);
  }
}
