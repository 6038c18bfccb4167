import 'reflect-metadata';
import type { Job } from 'bullmq';
import type { JobPayloads } from './job-catalogue.js';
import { HandlesJob, JOB_HANDLER } from './job-handler.decorator.js';

class Handlers {
  @HandlesJob('import.parse')
  parse({ batchId }: JobPayloads['import.parse']) {
    return batchId;
  }

  // the type-check (npm run typecheck covers specs) proves a wrong payload does not compile:
  // @ts-expect-error — 'reconcile.employer' takes { unitCodes, asOf }, not { batchId }
  @HandlesJob('reconcile.employer')
  wrong(_payload: { batchId: number }, _job: Job) {
    return null;
  }
}

describe('@HandlesJob', () => {
  it('records the job name on the method', () => {
    const proto = Handlers.prototype;
    expect(Reflect.getMetadata(JOB_HANDLER, proto.parse)).toBe('import.parse');
    expect(Reflect.getMetadata(JOB_HANDLER, proto.wrong)).toBe('reconcile.employer');
  });
});
