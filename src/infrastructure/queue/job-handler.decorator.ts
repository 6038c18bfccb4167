import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-catalogue.js';

export const JOB_HANDLER = Symbol('sothu:job-handler');

/** Marks a provider method as the one handler of a catalogue job. */
export const HandlesJob = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);
