import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './job-catalogue.js';

export const JOB_HANDLER = Symbol('sothu:job-handler');

/** What a handler of job `N` is: it takes `N`'s catalogue payload (and the BullMQ job). */
export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  job: Job<JobPayloads[N]>,
) => unknown;

/**
 * Marks a provider method as the one handler of a catalogue job. The method's type is checked against
 * the catalogue: a handler of `import.parse` that expects another payload does not compile.
 */
export function HandlesJob<N extends JobName>(name: N) {
  return <T extends JobHandler<N>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    SetMetadata(JOB_HANDLER, name)(target, key, descriptor);
  };
}
