import type { EntityManager } from '@mikro-orm/core';
import type { ContributionFund } from '../../domain/funds.js';
import type { EmployerStatus, PaymentCycle, Region } from '../../domain/employer.js';
import type { LedgerInput } from '../../domain/ledger.js';
import { buildReferenceData, type ReferenceData } from '../../domain/reference-data.js';
import { DeclaredTotal } from '../employers/declared-total.entity.js';
import { Employer } from '../employers/employer.entity.js';
import { OpeningBalance } from '../employers/opening-balance.entity.js';
import { RosterLine } from '../employers/roster-line.entity.js';
import { Receipt } from '../receipts/receipt.entity.js';
import { ReceivableLine } from '../receivables/receivable-line.entity.js';
import { ReferenceValue } from '../reference/reference-value.entity.js';

/**
 * `computeLedger`'s inputs for one employer, read from the tables. Deliberately minimal and private to
 * cases (the minutes workbook): reconciliation keeps its own loader (ledger-inputs.service.ts), and the
 * two become one at merge.
 */
export async function loadLedgerInputs(
  em: EntityManager,
  employer: Employer,
): Promise<LedgerInput> {
  const unitCode = employer.unitCode;
  const [lines, roster, declared, receipts, openings] = await Promise.all([
    em.find(ReceivableLine, { unitCode }),
    em.find(RosterLine, { unitCode }),
    em.find(DeclaredTotal, { unitCode }),
    em.find(Receipt, { unitCode, status: 'matched' }),
    em.find(OpeningBalance, { unitCode }),
  ]);
  return {
    employer: {
      unitCode,
      cycle: employer.cycle as PaymentCycle,
      status: employer.status as EmployerStatus,
      oaRate: employer.oaRateBp === 30 ? 'reduced' : 'standard',
      region: employer.region as Region,
    },
    ledgerLines: lines.map((l) => ({
      period: l.period,
      fund: l.fund as ContributionFund,
      amount: l.amount,
      dueDate: l.dueDate ?? null,
      reason: l.reason || null,
    })),
    rosterLines: roster.map((r) => ({
      siNumber: r.siNumber,
      name: r.name,
      salary: r.salary,
      allowances: r.allowances ? [r.allowances] : [],
      fromMonth: r.fromMonth,
      toMonth: r.toMonth ?? null,
    })),
    declared: declared.map((d) => ({
      period: d.period,
      total: d.total ?? null,
      amounts: d.amounts,
    })),
    payments: receipts.map((r) => ({
      valueDate: r.valueDate,
      amount: r.amount,
      bankRef: r.bankRef,
      memo: r.memo,
    })),
    openingBalances: openings.map((o) => ({
      period: o.period,
      closingBalance: o.closingBalance,
      payable: o.payable ?? null,
      tyleno: o.monthsOfDebtMilli == null ? null : o.monthsOfDebtMilli / 1000,
    })),
  };
}

/** Reference data from the `reference_value` rows. */
export async function loadReferenceData(em: EntityManager): Promise<ReferenceData> {
  const rows = await em.find(ReferenceValue, {});
  return buildReferenceData(
    rows.map((r) => ({ kind: r.kind, key: r.key, effectiveFrom: r.effectiveFrom, value: r.value })),
  );
}
