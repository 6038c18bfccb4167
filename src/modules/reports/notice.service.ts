import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { buildC12Notice, noticeDays, type C12Notice } from '../../domain/c12-notice.js';
import type { Period } from '../../domain/dates.js';
import { OfficesService } from '../offices/index.js';
import { ReconciliationService, type EmployerInputs } from '../reconciliation/index.js';
import type { PdfFonts } from './notice-pdf.js';
import type { NoticeParty } from './notice-layout.js';

export type NoticeResult =
  | { unitCode: string; notice: C12Notice; party: NoticeParty }
  | { unitCode: string; error: { code: string; message: string } };

/**
 * C12-TS notices (§11) from the ledger: month P's notice reads the ledger as of the last day of P−1
 * (section A) and as of the last day of P (B–Đ), computed from one read of the employer's inputs.
 */
@Injectable()
export class NoticeService {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly offices: OfficesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get fonts(): PdfFonts {
    return this.config.reportFonts;
  }

  /** The notices of these employers for P (employers not registered are left out). */
  async notices(unitCodes: readonly string[], period: Period): Promise<NoticeResult[]> {
    const days = noticeDays(period);
    const [ledgers, offices] = await Promise.all([
      this.reconciliation.ledgersOf(unitCodes, [days.opening, days.closing]),
      this.offices.list(),
    ]);
    const officeName = new Map(offices.map((o) => [o.code, o.name]));
    const out: NoticeResult[] = [];
    for (const unitCode of unitCodes) {
      const r = ledgers.get(unitCode);
      if (!r) continue;
      if ('error' in r) {
        out.push({ unitCode, error: { code: r.error.code, message: r.error.message } });
        continue;
      }
      const [opening, closing] = r.ledgers;
      out.push({
        unitCode,
        notice: buildC12Notice(period, opening, closing),
        party: partyOf(r.inputs, officeName.get(r.inputs.officeCode) ?? r.inputs.officeCode),
      });
    }
    return out;
  }
}

function partyOf(e: EmployerInputs, officeName: string): NoticeParty {
  return {
    unitCode: e.employer.unitCode,
    name: e.employer.name,
    taxCode: e.employer.taxCode ?? null,
    officeCode: e.officeCode,
    officeName,
  };
}
