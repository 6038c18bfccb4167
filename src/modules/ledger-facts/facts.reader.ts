import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { ContributionFund } from '../../domain/funds.js';
import type { LedgerInput } from '../../domain/ledger.js';
import { DeclaredTotal } from './declared-total.entity.js';
import { OpeningBalance } from './opening-balance.entity.js';
import { Receipt } from './receipt.entity.js';
import { ReceivableLine } from './receivable-line.entity.js';
import { RosterLine } from './roster-line.entity.js';

/** One employer's imported facts, shaped as the domain core's ledger input takes them. */
export type EmployerFacts = Pick<
  LedgerInput,
  'ledgerLines' | 'rosterLines' | 'declared' | 'payments' | 'openingBalances'
>;

const IN_CHUNK = 500;

/**
 * Reads the facts `computeLedger` needs for a set of employers in a few bulk queries (one per table per
 * 500 units), never one query per employer: the nightly run reads thousands of employers this way.
 */
@Injectable()
export class LedgerFactsReader {
  constructor(private readonly em: EntityManager) {}

  /** Every unit asked for has an entry (empty facts for a unit with none). */
  async load(
    unitCodes: readonly string[],
    em: EntityManager = this.em.fork(),
  ): Promise<Map<string, EmployerFacts>> {
    const out = new Map<string, EmployerFacts>();
    for (const u of unitCodes) {
      out.set(u, { ledgerLines: [], rosterLines: [], declared: [], payments: [], openingBalances: [] });
    }
    const units = [...out.keys()];
    if (!units.length) return out;
    const push = <K extends keyof EmployerFacts>(
      unit: string,
      key: K,
      value: NonNullable<EmployerFacts[K]>[number],
    ) => {
      const target = out.get(unit);
      if (target) (target[key] as unknown[]).push(value);
    };
    for (const l of await inChunks(em, ReceivableLine, units, (u) => ({ unitCode: { $in: u } }))) {
      push(l.unitCode, 'ledgerLines', {
        period: l.period,
        fund: l.fund as ContributionFund,
        amount: l.amount,
        dueDate: l.dueDate ?? null,
        reason: l.reason || null,
      });
    }
    for (const l of await inChunks(em, RosterLine, units, (u) => ({ unitCode: { $in: u } }))) {
      push(l.unitCode, 'rosterLines', {
        siNumber: l.siNumber,
        name: l.name,
        salary: l.salary,
        allowances: l.allowances ? [l.allowances] : [],
        fromMonth: l.fromMonth,
        toMonth: l.toMonth ?? null,
      });
    }
    for (const d of await inChunks(em, DeclaredTotal, units, (u) => ({ unitCode: { $in: u } }))) {
      push(d.unitCode, 'declared', { period: d.period, total: d.total ?? null, amounts: d.amounts });
    }
    const receipts = await inChunks(em, Receipt, units, (u) => ({
      unitCode: { $in: u },
      status: 'matched' as const,
    }));
    for (const r of receipts) {
      push(r.unitCode!, 'payments', {
        valueDate: r.valueDate,
        amount: r.amount,
        bankRef: r.bankRef,
        memo: r.memo,
      });
    }
    for (const o of await inChunks(em, OpeningBalance, units, (u) => ({ unitCode: { $in: u } }))) {
      push(o.unitCode, 'openingBalances', {
        period: o.period,
        closingBalance: o.closingBalance,
        payable: o.payable ?? null,
        tyleno: o.monthsOfDebtMilli == null ? null : o.monthsOfDebtMilli / 1000,
      });
    }
    return out;
  }
}

async function inChunks<T extends object>(
  em: EntityManager,
  entity: new () => T,
  units: readonly string[],
  where: (units: string[]) => FilterQuery<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < units.length; i += IN_CHUNK) {
    const rows = await em.find(entity, where(units.slice(i, i + IN_CHUNK)), {
      disableIdentityMap: true,
    });
    for (const r of rows) out.push(r);
  }
  return out;
}
