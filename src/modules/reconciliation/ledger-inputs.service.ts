import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { EmployerStatus, OaRate, PaymentCycle, Region } from '../../domain/employer.js';
import type { ContributionFund } from '../../domain/funds.js';
import type { LedgerInput } from '../../domain/ledger.js';
import { DeclaredTotal } from '../employers/declared-total.entity.js';
import { Employer } from '../employers/employer.entity.js';
import { OpeningBalance } from '../employers/opening-balance.entity.js';
import { RosterLine } from '../employers/roster-line.entity.js';
import { Office } from '../offices/office.entity.js';
import { Receipt } from '../receipts/receipt.entity.js';
import { ReceivableLine } from '../receivables/receivable-line.entity.js';

/** One employer's stored data, shaped as the domain core's ledger input. */
export interface EmployerInputs {
  employer: Employer;
  officeCode: string;
  provinceCode: string;
  input: LedgerInput;
}

/** Reminder and sanction dates per unit (from inspection cases), fed to the flag rules. */
export type CaseEvidence = Map<string, { reminderDates: string[]; sanctionDates: string[] }>;

const IN_CHUNK = 500;

/**
 * Loads what `computeLedger` needs for a set of employers in a few bulk queries (one per table per 500
 * units), never one query per employer: the nightly run reads thousands of employers this way.
 */
@Injectable()
export class LedgerInputsLoader {
  async load(
    em: EntityManager,
    unitCodes: readonly string[],
    evidence?: CaseEvidence,
  ): Promise<Map<string, EmployerInputs>> {
    const out = new Map<string, EmployerInputs>();
    if (!unitCodes.length) return out;
    const employers = await inChunks(em, Employer, unitCodes, (units) => ({
      unitCode: { $in: units },
    }));
    const offices = new Map((await em.find(Office, {})).map((o) => [o.code, o.provinceCode]));
    for (const e of employers) {
      const ev = evidence?.get(e.unitCode);
      out.set(e.unitCode, {
        employer: e,
        officeCode: e.officeCode,
        provinceCode: offices.get(e.officeCode) ?? '',
        input: {
          employer: {
            unitCode: e.unitCode,
            cycle: e.cycle as PaymentCycle,
            status: e.status as EmployerStatus,
            oaRate: (e.oaRateBp === 30 ? 'reduced' : 'standard') as OaRate,
            region: e.region as Region,
          },
          ledgerLines: [],
          rosterLines: [],
          declared: [],
          payments: [],
          openingBalances: [],
          reminderDates: ev?.reminderDates ?? [],
          sanctionDates: ev?.sanctionDates ?? [],
        },
      });
    }
    const units = [...out.keys()];
    const push = <T>(
      unit: string,
      pick: (i: LedgerInput) => readonly T[] | undefined,
      value: T,
    ) => {
      const target = out.get(unit);
      if (target) (pick(target.input) as T[]).push(value);
    };
    for (const l of await inChunks(em, ReceivableLine, units, (u) => ({ unitCode: { $in: u } }))) {
      push(l.unitCode, (i) => i.ledgerLines, {
        period: l.period,
        fund: l.fund as ContributionFund,
        amount: l.amount,
        dueDate: l.dueDate ?? null,
        reason: l.reason || null,
      });
    }
    for (const l of await inChunks(em, RosterLine, units, (u) => ({ unitCode: { $in: u } }))) {
      push(l.unitCode, (i) => i.rosterLines, {
        siNumber: l.siNumber,
        name: l.name,
        salary: l.salary,
        allowances: l.allowances ? [l.allowances] : [],
        fromMonth: l.fromMonth,
        toMonth: l.toMonth ?? null,
      });
    }
    for (const d of await inChunks(em, DeclaredTotal, units, (u) => ({ unitCode: { $in: u } }))) {
      push(d.unitCode, (i) => i.declared, {
        period: d.period,
        total: d.total ?? null,
        amounts: d.amounts,
      });
    }
    const receipts = await inChunks(em, Receipt, units, (u) => ({
      unitCode: { $in: u },
      status: 'matched' as const,
    }));
    for (const r of receipts) {
      push(r.unitCode!, (i) => i.payments, {
        valueDate: r.valueDate,
        amount: r.amount,
        bankRef: r.bankRef,
        memo: r.memo,
      });
    }
    for (const o of await inChunks(em, OpeningBalance, units, (u) => ({ unitCode: { $in: u } }))) {
      push(o.unitCode, (i) => i.openingBalances, {
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
