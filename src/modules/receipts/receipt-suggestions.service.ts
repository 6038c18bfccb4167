import { Injectable, Logger } from '@nestjs/common';
import { Transactions } from '../../database/transaction.js';
import type { IsoDate } from '../../domain/dates.js';
import {
  buildRankIndex,
  rankCandidates,
  type RankedSuggestion,
} from '../../domain/matching-rank.js';
import { EmployerDirectory } from '../employers/index.js';
import { ReceiptStore, type SuggestionTarget } from '../ledger-facts/index.js';
import { ReconciliationService } from '../reconciliation/index.js';

/** Receipts ranked and stored per transaction. */
const PAGE = 500;

/**
 * Ranked suggestions for receipts still unmatched (domain.md §8 step 5), stored beside them
 * (`ReceiptStore.replaceSuggestions`): computed when receipts land and again when the ledgers of their
 * candidates change. The amount signal reads each candidate's open quantities as of the receipt's value
 * date from its ledger computed on request from the stored facts (`ReconciliationService.openQuantities`):
 * no snapshot, since a snapshot is one day's and a receipt needs its own value date.
 *
 * Suggestions only: this never ties a receipt to an employer (an officer does, through the match route).
 */
@Injectable()
export class ReceiptSuggestions {
  private readonly logger = new Logger(ReceiptSuggestions.name);

  constructor(
    private readonly receipts: ReceiptStore,
    private readonly employers: EmployerDirectory,
    private readonly reconciliation: ReconciliationService,
    private readonly transactions: Transactions,
  ) {}

  /** Ranks the target's unmatched receipts again; returns how many receipts and candidates were stored. */
  async refresh(target: SuggestionTarget): Promise<{ receipts: number; candidates: number }> {
    const index = buildRankIndex(await this.employers.matchingKeys());
    let after = 0;
    let receipts = 0;
    let candidates = 0;
    for (;;) {
      const page = await this.receipts.toSuggest(target, after, PAGE);
      if (!page.length) break;
      after = page[page.length - 1]!.id;
      // first pass: the candidates whose open quantities can change the list, as of which days
      const wanted = new Map<string, IsoDate[]>();
      for (const r of page) {
        rankCandidates(r, index, (unitCode) => {
          const days = wanted.get(unitCode);
          if (!days) wanted.set(unitCode, [r.valueDate]);
          else if (!days.includes(r.valueDate)) days.push(r.valueDate);
          return undefined;
        });
      }
      const open = await this.reconciliation.openQuantities(wanted);
      const ranked = new Map<number, RankedSuggestion[]>();
      for (const r of page) {
        ranked.set(
          r.id,
          rankCandidates(r, index, (unitCode) => open.get(unitCode)?.get(r.valueDate)),
        );
      }
      candidates += await this.transactions.run((tx) =>
        this.receipts.replaceSuggestions(tx, ranked),
      );
      receipts += page.length;
      if (page.length < PAGE && !('candidates' in target)) break;
    }
    if (receipts)
      this.logger.log({ target: describe(target), receipts, candidates }, 'receipts ranked');
    return { receipts, candidates };
  }
}

function describe(t: SuggestionTarget): string {
  if ('batchId' in t) return `batch ${t.batchId}`;
  if ('ids' in t) return `${t.ids.length} receipts`;
  if ('candidates' in t) return `candidates ${t.candidates.length} employers`;
  return 'all';
}
