import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { buildReferenceData, type ReferenceData } from '../../domain/reference-data.js';
import { loadReferenceRecords, type ReferenceRecord } from './reference-files.js';
import { ReferenceValue } from './reference-value.entity.js';

/** Effective-dated reference data (rates, floors, caps, charge rates) in the database. */
@Injectable()
export class ReferenceService {
  private readonly logger = new Logger(ReferenceService.name);
  private built: Promise<ReferenceData> | null = null;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Loads the reference folder (`REFERENCE_DIR`, default `seeds/reference/`) into the database. Idempotent: a value already stored for the same
   * (kind, key, effective date) is updated in place, never duplicated.
   */
  async syncFromSeeds(): Promise<{ records: number }> {
    return this.sync(loadReferenceRecords(this.config.referenceDir));
  }

  async sync(records: ReferenceRecord[]): Promise<{ records: number }> {
    const em = this.em.fork();
    await em.transactional(async (tx) => {
      for (let i = 0; i < records.length; i += 200) {
        await tx.upsertMany(ReferenceValue, records.slice(i, i + 200), {
          onConflictFields: ['kind', 'key', 'effectiveFrom'],
          onConflictAction: 'merge',
          onConflictMergeFields: ['value', 'source'],
        });
      }
    });
    this.built = null;
    this.logger.log(`reference data: ${records.length} values in force`);
    return { records: records.length };
  }

  /** The domain's date lookups over the stored values (built once, rebuilt after a sync). */
  async referenceData(): Promise<ReferenceData> {
    this.built ??= this.all().then((rows) =>
      buildReferenceData(
        rows.map((r) => ({
          kind: r.kind,
          key: r.key,
          effectiveFrom: r.effectiveFrom,
          value: r.value,
        })),
      ),
    );
    return this.built;
  }

  async all(): Promise<ReferenceValue[]> {
    return this.em
      .fork()
      .find(ReferenceValue, {}, { orderBy: { kind: 'asc', key: 'asc', effectiveFrom: 'asc' } });
  }
}
