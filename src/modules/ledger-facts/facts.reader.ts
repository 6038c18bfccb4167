import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { ContributionFund } from '../../domain/funds.js';
import type { LedgerInput } from '../../domain/ledger.js';

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
      out.set(u, {
        ledgerLines: [],
        rosterLines: [],
        declared: [],
        payments: [],
        openingBalances: [],
      });
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
    const rows = (table: string, columns: string, extra = '') =>
      inChunks(
        em,
        units,
        (marks) =>
          `select unit_code, ${columns} from ${table} where unit_code in (${marks})${extra}`,
      );
    for (const l of await rows('receivable_line', 'period, fund, amount, due_date, reason')) {
      push(l.unit_code as string, 'ledgerLines', {
        period: l.period as string,
        fund: l.fund as ContributionFund,
        amount: Number(l.amount),
        dueDate: (l.due_date as string | null) ?? null,
        reason: (l.reason as string) || null,
      });
    }
    // without the person's name: no figure uses it, and a large employer has a hundred thousand lines
    for (const l of await rows(
      'roster_line',
      'si_number, salary, allowances, from_month, to_month',
    )) {
      const allowances = Number(l.allowances);
      push(l.unit_code as string, 'rosterLines', {
        siNumber: l.si_number as string,
        salary: Number(l.salary),
        allowances: allowances ? [allowances] : [],
        fromMonth: l.from_month as string,
        toMonth: (l.to_month as string | null) ?? null,
      });
    }
    for (const d of await rows('declared_total', 'period, total, amounts')) {
      push(d.unit_code as string, 'declared', {
        period: d.period as string,
        total: d.total == null ? null : Number(d.total),
        amounts: (typeof d.amounts === 'string' ? JSON.parse(d.amounts) : d.amounts) as Record<
          string,
          number
        >,
      });
    }
    for (const r of await rows(
      'receipt',
      'value_date, amount, bank_ref, memo',
      " and status = 'matched'",
    )) {
      push(r.unit_code as string, 'payments', {
        valueDate: r.value_date as string,
        amount: Number(r.amount),
        bankRef: r.bank_ref as string,
        memo: r.memo as string,
      });
    }
    for (const o of await rows(
      'opening_balance',
      'period, closing_balance, payable, months_of_debt_milli',
    )) {
      const milli = o.months_of_debt_milli;
      push(o.unit_code as string, 'openingBalances', {
        period: o.period as string,
        closingBalance: Number(o.closing_balance),
        payable: o.payable == null ? null : Number(o.payable),
        tyleno: milli == null ? null : Number(milli) / 1000,
      });
    }
    return out;
  }
}

/**
 * Plain rows of one query per 500 units (`marks`: that many placeholders), inside the caller's
 * transaction when it is in one. Read as rows, not entities: no hydration, no identity map (the nightly
 * run reads tens of thousands of lines per chunk of employers).
 */
async function inChunks(
  em: EntityManager,
  units: readonly string[],
  sql: (marks: string) => string,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < units.length; i += IN_CHUNK) {
    const part = units.slice(i, i + IN_CHUNK);
    const rows = (await em
      .getConnection()
      .execute(
        sql(part.map(() => '?').join(', ')),
        part,
        'all',
        em.getTransactionContext(),
      )) as Record<string, unknown>[];
    for (const r of rows) out.push(r);
  }
  return out;
}
