import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../../infrastructure/queue/job-catalogue.js';
import { HandlesJob } from '../../infrastructure/queue/job-handler.decorator.js';
import { ReceiptSuggestions } from './receipt-suggestions.service.js';

@Injectable()
export class ReceiptsJobs {
  constructor(private readonly suggestions: ReceiptSuggestions) {}

  @HandlesJob('receipts.suggest')
  async suggest({ batchId, unitCodes, all }: JobPayloads['receipts.suggest']) {
    if (all) return this.suggestions.refresh({ all: true });
    if (batchId) return this.suggestions.refresh({ batchId });
    if (unitCodes?.length) return this.suggestions.refresh({ candidates: unitCodes });
    return { receipts: 0, candidates: 0 };
  }
}
