import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { FlagThresholds } from '../../domain/flags.js';
import type { Actor } from '../access/index.js';
import { Clock } from '../../infrastructure/clock.js';
import { AuditService } from '../audit/index.js';
import { InvalidPolicyError, UnknownPolicyError } from './policies.errors.js';
import { isPolicyKey, POLICIES, type PolicyKey, type PolicyValue } from './policies.registry.js';
import { Policy } from './policy.entity.js';

export interface PolicyView {
  key: string;
  value: unknown;
  /** True while nothing is stored: the value is the default. */
  isDefault: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** A stored value was valid when written; fields added to a policy since take their defaults. */
function withDefaults(key: PolicyKey, row: Policy | null | undefined): unknown {
  return {
    ...structuredClone(POLICIES[key].defaults),
    ...((row?.value as object | undefined) ?? {}),
  };
}

/** Policies in the database (`policy` table), each with a schema and a default (policies.registry.ts). */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The value in force for `key` as `em` sees it (inside a caller's transaction, too). */
  async value<K extends PolicyKey>(em: EntityManager, key: K): Promise<PolicyValue<K>> {
    const row = await em.findOne(Policy, { key });
    return withDefaults(key, row) as PolicyValue<K>;
  }

  flagThresholds(em: EntityManager): Promise<FlagThresholds> {
    return this.value(em, 'flagThresholds');
  }

  async list(): Promise<PolicyView[]> {
    const rows = await this.em.fork().find(Policy, {});
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return (Object.keys(POLICIES) as PolicyKey[]).map((key) => {
      const row = byKey.get(key);
      return {
        key,
        value: withDefaults(key, row),
        isDefault: !row,
        updatedAt: row?.updatedAt ?? null,
        updatedBy: row?.updatedBy ?? null,
      };
    });
  }

  /** Validates and stores a whole value; fields left out take their defaults. */
  /** The change and its audit event commit together. */
  async put(key: string, value: unknown, actor: Actor): Promise<PolicyView> {
    if (!isPolicyKey(key)) throw new UnknownPolicyError(key);
    const entry = POLICIES[key];
    const merged =
      value && typeof value === 'object' && !Array.isArray(value)
        ? { ...entry.defaults, ...value }
        : value;
    const parsed = entry.schema.safeParse(merged);
    if (!parsed.success) {
      throw new InvalidPolicyError(
        key,
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    const row = await this.em.fork().transactional(async (em) => {
      await em.upsert(Policy, {
        key,
        value: parsed.data,
        updatedAt: this.clock.now(),
        updatedBy: actor.email ? actor.email.slice(0, 200) : 'system',
      });
      await this.audit.record(
        actor,
        { action: 'policy.update', objectType: 'policy', objectId: key, details: { value } },
        em,
      );
      return em.findOneOrFail(Policy, { key });
    });
    return {
      key,
      value: row.value,
      isDefault: false,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    };
  }
}
