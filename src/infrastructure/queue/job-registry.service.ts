import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_HANDLER } from './job-handler.decorator.js';
import { JOB_NAMES, JOBS, type JobName, type QueueName } from './job-catalogue.js';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

/**
 * Finds the `@HandlesJob` methods of every provider and refuses to start unless each catalogue job has
 * exactly one handler (and no handler names a job outside the catalogue).
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private handlers?: Map<JobName, Handler>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.discover();
  }

  private discover(): Map<JobName, Handler> {
    if (this.handlers) return this.handlers;
    const handlers = new Map<JobName, Handler>();
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn as () => unknown);
        if (!name) continue;
        const where = `${proto.constructor.name}.${method}`;
        found.set(name, [...(found.get(name) ?? []), where]);
        handlers.set(name, (payload, job) => (fn as Handler).call(instance, payload, job));
      }
    }
    const problems = checkHandlers(found);
    if (problems.length)
      throw new Error(`Job handlers do not match the catalogue:\n  ${problems.join('\n  ')}`);
    this.handlers = handlers;
    return handlers;
  }

  handlerFor(queue: QueueName, name: string): Handler {
    const handler = this.discover().get(name as JobName);
    if (!handler || JOBS[name as JobName].queue !== queue) {
      throw new Error(`No handler for job '${name}' on queue '${queue}'`);
    }
    return handler;
  }
}

/** Every catalogue job has exactly one handler; every handler names a catalogue job. */
export function checkHandlers(found: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const name of JOB_NAMES) {
    const at = found.get(name) ?? [];
    if (at.length === 0) problems.push(`'${name}' has no handler`);
    if (at.length > 1) problems.push(`'${name}' has ${at.length} handlers: ${at.join(', ')}`);
  }
  for (const [name, at] of found) {
    if (!(JOB_NAMES as string[]).includes(name))
      problems.push(`'${name}' (${at.join(', ')}) is not in the catalogue`);
  }
  return problems;
}
