import { Injectable } from '@nestjs/common';
import { HandlesJob } from '../../infrastructure/queue/job-handler.decorator.js';
import { ReferenceService } from './reference.service.js';

@Injectable()
export class ReferenceJobs {
  constructor(private readonly reference: ReferenceService) {}

  @HandlesJob('reference.sync')
  sync(): Promise<{ records: number }> {
    return this.reference.syncFromSeeds();
  }
}
