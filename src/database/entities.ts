import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { User } from '../modules/auth/user.entity.js';
import { CaseEvent } from '../modules/cases/case-event.entity.js';
import { InspectionCase } from '../modules/cases/inspection-case.entity.js';
import { Employer } from '../modules/employers/employer.entity.js';
import { Flag } from '../modules/flags/flag.entity.js';
import { ImportBatch } from '../modules/imports/import-batch.entity.js';
import { ImportSet } from '../modules/imports/import-set.entity.js';
import { DeclaredTotal } from '../modules/ledger-facts/declared-total.entity.js';
import { OpeningBalance } from '../modules/ledger-facts/opening-balance.entity.js';
import { Receipt } from '../modules/ledger-facts/receipt.entity.js';
import { ReceiptSuggestion } from '../modules/ledger-facts/receipt-suggestion.entity.js';
import { ReceivableLine } from '../modules/ledger-facts/receivable-line.entity.js';
import { RosterLine } from '../modules/ledger-facts/roster-line.entity.js';
import { StatedPayment } from '../modules/ledger-facts/stated-payment.entity.js';
import { Office } from '../modules/offices/office.entity.js';
import { Policy } from '../modules/policies/policy.entity.js';
import { NightlyRun } from '../modules/reconciliation/nightly-run.entity.js';
import { ReferenceGap } from '../modules/reference/reference-gap.entity.js';
import { ReferenceValue } from '../modules/reference/reference-value.entity.js';
import { RatioTarget, Report, ReportItem } from '../modules/reports/report.entity.js';
import { EmployerSnapshot } from '../modules/snapshots/employer-snapshot.entity.js';
import { OfficeDayTotal, SnapshotTotalDay } from '../modules/snapshots/office-day-total.entity.js';
/** Every entity the ORM knows; migrations must create exactly these tables (a test checks). */
export const entities = [
  Office,
  ReferenceValue,
  ReferenceGap,
  Employer,
  ImportBatch,
  ImportSet,
  RosterLine,
  DeclaredTotal,
  StatedPayment,
  OpeningBalance,
  ReceivableLine,
  Receipt,
  ReceiptSuggestion,
  EmployerSnapshot,
  OfficeDayTotal,
  SnapshotTotalDay,
  NightlyRun,
  User,
  AuditEvent,
  Policy,
  Flag,
  InspectionCase,
  CaseEvent,
  Report,
  ReportItem,
  RatioTarget,
];
