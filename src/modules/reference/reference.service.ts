import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { MissingReference } from '../../domain/allocation.js';
import { buildReferenceData, type ReferenceData } from '../../domain/reference-data.js';
import type { Tx } from '../../database/transaction.js';
import { Clock } from '../../infrastructure/clock.js';
import type { Actor } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import {
  ReferenceKindUnknownError,
  ReferenceValueExistsError,
  ReferenceValueInvalidError,
} from './reference.errors.js';
import { loadReferenceRecords, type ReferenceRecord } from './reference-files.js';
import { ReferenceGap } from './reference-gap.entity.js';
import {
  checkReferenceEntry,
  isReferenceKind,
  REFERENCE_KINDS,
  type ReferenceEntry,
  type ReferenceKind,
} from './reference-kinds.js';
import { ReferenceValue } from './reference-value.entity.js';

/** One stored value as the API shows it. */
export interface ReferenceValueView {
  id: number;
  kind: string;
  key: string;
  effectiveFrom: string;
  value: number;
  source: string | null;
  /** `seed`: a default from seeds/reference/; `entered`: entered by an administrator. */
  origin: 'seed' | 'entered';
  enteredBy: string | null;
  enteredAt: Date | null;
}

/** A reference value some employers' stored figures needed and did not find. */
export interface ReferenceGapView {
  kind: string;
  key: string;
  year: number;
  employers: number;
  /** The days of the figures that needed it (earliest, latest). */
  firstAsOf: string;
  lastAsOf: string;
}

/** (kind, key, year) of a missing reference value: the k year, or the year of the day a daily rate was needed. */
export function gapOf(m: MissingReference): { kind: string; key: string; year: number } {
  return m.kind === 'old-regime-k'
    ? { kind: m.kind, key: m.key, year: m.year }
    : { kind: m.kind, key: m.key, year: Number(m.date.slice(0, 4)) };
}

function view(r: ReferenceValue): ReferenceValueView {
  return {
    id: r.id,
    kind: r.kind,
    key: r.key,
    effectiveFrom: r.effectiveFrom,
    value: r.value,
    source: r.source ?? null,
    origin: r.enteredBy ? 'entered' : 'seed',
    enteredBy: r.enteredBy ?? null,
    enteredAt: r.enteredAt ?? null,
  };
}

/**
 * Effective-dated reference data (rates, floors, caps, charge rates, old-regime k) in the database: the
 * defaults of `seeds/reference/` loaded on start, the values administrators enter, and the gaps — what
 * stored figures needed and did not find (domain.md §6 "A k not yet known").
 */
@Injectable()
export class ReferenceService {
  private readonly logger = new Logger(ReferenceService.name);
  private built: { fingerprint: string; data: Promise<ReferenceData> } | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Loads the reference folder (`REFERENCE_DIR`, default `seeds/reference/`) into the database: the
   * defaults. Idempotent. A value already stored for the same (kind, key, effective date) is updated
   * from the file only while it is itself a default (loaded from the files); a value an administrator
   * entered is never overwritten by re-seeding.
   */
  async syncFromSeeds(): Promise<{ records: number; inserted: number; updated: number }> {
    return this.sync(loadReferenceRecords(this.config.referenceDir));
  }

  async sync(
    records: ReferenceRecord[],
  ): Promise<{ records: number; inserted: number; updated: number }> {
    const now = this.clock.now();
    let inserted = 0;
    let updated = 0;
    await this.em.fork().transactional(async (tx) => {
      const stored = new Map(
        (await tx.find(ReferenceValue, {})).map((r) => [
          `${r.kind}|${r.key}|${r.effectiveFrom}`,
          r,
        ]),
      );
      for (const rec of records) {
        const row = stored.get(`${rec.kind}|${rec.key}|${rec.effectiveFrom}`);
        if (!row) {
          tx.create(ReferenceValue, { ...rec, enteredBy: null, enteredAt: now });
          inserted++;
        } else if (!row.enteredBy && (row.value !== rec.value || row.source !== rec.source)) {
          row.value = rec.value;
          row.source = rec.source;
          row.enteredAt = now;
          updated++;
        }
      }
      await tx.flush();
    });
    this.built = null;
    this.logger.log(
      `reference data: ${records.length} defaults (${inserted} new, ${updated} updated)`,
    );
    return { records: records.length, inserted, updated };
  }

  /**
   * The domain's date lookups over the stored values. Built once and rebuilt when the table changed (a
   * value entered through another process — the API while this is a worker — is seen on the next call).
   */
  async referenceData(): Promise<ReferenceData> {
    const fingerprint = await this.fingerprint();
    if (this.built?.fingerprint !== fingerprint) {
      this.built = {
        fingerprint,
        data: this.all().then((rows) =>
          buildReferenceData(
            rows.map((r) => ({
              kind: r.kind,
              key: r.key,
              effectiveFrom: r.effectiveFrom,
              value: r.value,
            })),
          ),
        ),
      };
    }
    return this.built.data;
  }

  private async fingerprint(): Promise<string> {
    const rows = (await this.em
      .fork()
      .getConnection()
      .execute(
        'select count(*) as n, max(id) as m, max(entered_at) as t from reference_value',
        [],
        'all',
      )) as { n: unknown; m: unknown; t: unknown }[];
    const r = rows[0];
    return `${String(r?.n)}|${String(r?.m)}|${String(r?.t instanceof Date ? r.t.getTime() : r?.t)}`;
  }

  async all(): Promise<ReferenceValue[]> {
    return this.em
      .fork()
      .find(ReferenceValue, {}, { orderBy: { kind: 'asc', key: 'asc', effectiveFrom: 'asc' } });
  }

  /** The kinds with their keys, unit and accepted range. */
  kinds() {
    return Object.entries(REFERENCE_KINDS).map(([kind, rule]) => ({ kind, ...rule }));
  }

  /** A kind's values by key and effective date, with their source and who entered them. */
  async list(kind: string): Promise<ReferenceValueView[]> {
    if (!isReferenceKind(kind)) throw new ReferenceKindUnknownError(kind);
    const rows = await this.em
      .fork()
      .find(ReferenceValue, { kind }, { orderBy: { key: 'asc', effectiveFrom: 'asc' } });
    return rows.map(view);
  }

  /**
   * Adds a value (validated by its kind's rules; one value per key and effective date) and its audit
   * event in one transaction. The caller then recomputes the employers it touches.
   */
  async add(
    kind: string,
    entry: Partial<ReferenceEntry>,
    actor: Actor,
  ): Promise<ReferenceValueView> {
    if (!isReferenceKind(kind)) throw new ReferenceKindUnknownError(kind);
    const problems = checkReferenceEntry(kind, entry);
    if (problems.length) throw new ReferenceValueInvalidError(kind, problems);
    const e = entry as ReferenceEntry;
    const source = e.source.trim();
    try {
      const row = await this.em.fork().transactional(async (tx) => {
        const existing = await tx.findOne(ReferenceValue, {
          kind,
          key: e.key,
          effectiveFrom: e.effectiveFrom,
        });
        if (existing) {
          throw new ReferenceValueExistsError(
            kind,
            e.key,
            e.effectiveFrom,
            existing.value,
            existing.enteredBy ?? null,
          );
        }
        const created = tx.create(ReferenceValue, {
          kind,
          key: e.key,
          effectiveFrom: e.effectiveFrom,
          value: e.value,
          source,
          enteredBy: (actor.email ?? actor.userId ?? 'system').slice(0, 200),
          enteredAt: this.clock.now(),
        });
        await tx.flush();
        await this.audit.record(
          actor,
          {
            action: 'reference.create',
            objectType: 'reference-value',
            objectId: `${kind}/${e.key}/${e.effectiveFrom}`,
            details: { kind, key: e.key, effectiveFrom: e.effectiveFrom, value: e.value, source },
          },
          tx,
        );
        return created;
      });
      this.built = null;
      return view(row);
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        const existing = await this.em
          .fork()
          .findOneOrFail(ReferenceValue, { kind, key: e.key, effectiveFrom: e.effectiveFrom });
        throw new ReferenceValueExistsError(
          kind,
          e.key,
          e.effectiveFrom,
          existing.value,
          existing.enteredBy ?? null,
        );
      }
      throw err;
    }
  }

  /**
   * Records, inside the reconciliation's transaction, what the figures of `units` as of `asOf` needed
   * and did not find: their rows of days up to `asOf` are replaced (a row of a later day stays, the
   * latest figures win).
   */
  async recordGaps(
    tx: Tx,
    asOf: string,
    units: readonly string[],
    missing: ReadonlyMap<string, readonly MissingReference[]>,
  ): Promise<void> {
    const now = this.clock.now();
    for (let i = 0; i < units.length; i += 500) {
      await tx.nativeDelete(ReferenceGap, {
        unitCode: { $in: units.slice(i, i + 500) },
        asOf: { $lte: asOf },
      });
    }
    const rows: Partial<ReferenceGap>[] = [];
    for (const [unitCode, list] of missing) {
      const seen = new Set<string>();
      for (const m of list) {
        const g = gapOf(m);
        const id = `${g.kind}|${g.key}|${g.year}`;
        if (seen.has(id)) continue;
        seen.add(id);
        rows.push({ unitCode, ...g, asOf, recordedAt: now });
      }
    }
    for (let i = 0; i < rows.length; i += 200) {
      await tx.upsertMany(ReferenceGap, rows.slice(i, i + 200), {
        onConflictFields: ['unitCode', 'kind', 'key', 'year'],
        onConflictAction: 'ignore',
      });
    }
  }

  /** Every (kind, key, year) some stored figure needed and did not find, with the employers affected. */
  async gaps(): Promise<ReferenceGapView[]> {
    const rows = (await this.em
      .fork()
      .getConnection()
      .execute(
        'select kind, "key", year, count(*) as employers, min(as_of) as first, max(as_of) as last from reference_gap group by kind, "key", year order by kind, "key", year',
        [],
        'all',
      )) as {
      kind: string;
      key: string;
      year: unknown;
      employers: unknown;
      first: string;
      last: string;
    }[];
    return rows.map((r) => ({
      kind: r.kind,
      key: r.key,
      year: Number(r.year),
      employers: Number(r.employers),
      firstAsOf: r.first,
      lastAsOf: r.last,
    }));
  }

  /**
   * The employers whose stored figures need a value of (kind, key) from `effectiveFrom`, by the day of
   * those figures: for an old-regime k, the gaps of that k year; for any other kind, the gaps of that
   * year and later.
   */
  async gapUnits(kind: string, key: string, effectiveFrom: string): Promise<Map<string, string[]>> {
    const year = Number(effectiveFrom.slice(0, 4));
    const rows = await this.em
      .fork()
      .find(
        ReferenceGap,
        { kind, key, year: kind === 'old-regime-k' ? year : { $gte: year } },
        { orderBy: { asOf: 'asc', unitCode: 'asc' } },
      );
    const byDay = new Map<string, string[]>();
    for (const r of rows) {
      const list = byDay.get(r.asOf) ?? [];
      if (!list.includes(r.unitCode)) list.push(r.unitCode);
      byDay.set(r.asOf, list);
    }
    return byDay;
  }

  /** Forget the built lookups (the next call reads the table again). */
  invalidate(): void {
    this.built = null;
  }
}

export type { ReferenceKind };
