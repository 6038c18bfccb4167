import { EntityManager, type EventArgs, type EventSubscriber } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../infrastructure/clock.js';
import { ImportBatch } from './import-batch.entity.js';
import { ImportSet } from './import-set.entity.js';

/**
 * Stamps import batches and sets from the one clock: `createdAt` when stored, `updatedAt` at every change of a
 * batch (its status moves many times through parse and commit).
 */
@Injectable()
export class ImportBatchStamps implements EventSubscriber<ImportBatch | ImportSet> {
  constructor(
    em: EntityManager,
    private readonly clock: Clock,
  ) {
    em.getEventManager().registerSubscriber(this);
  }

  getSubscribedEntities() {
    return [ImportBatch, ImportSet];
  }

  beforeCreate({ entity }: EventArgs<ImportBatch | ImportSet>): void {
    entity.createdAt ??= this.clock.now();
    entity.updatedAt = entity.createdAt;
  }

  beforeUpdate({ entity }: EventArgs<ImportBatch | ImportSet>): void {
    entity.updatedAt = this.clock.now();
  }
}
