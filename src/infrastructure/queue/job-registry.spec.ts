import { JOB_NAMES } from './job-catalogue.js';
import { checkHandlers } from './job-registry.service.js';

describe('checkHandlers (start-up check: every job has exactly one handler)', () => {
  const all = () => new Map<string, string[]>(JOB_NAMES.map((n) => [n, [`H.${n}`]]));

  it('accepts exactly one handler per catalogue job', () => {
    expect(checkHandlers(all())).toEqual([]);
  });

  it('reports a job with no handler', () => {
    const found = all();
    found.delete(JOB_NAMES[0]);
    expect(checkHandlers(found)).toEqual([`'${JOB_NAMES[0]}' has no handler`]);
  });

  it('reports a job with two handlers, naming both', () => {
    const found = all();
    found.set(JOB_NAMES[0], ['A.run', 'B.run']);
    expect(checkHandlers(found)).toEqual([`'${JOB_NAMES[0]}' has 2 handlers: A.run, B.run`]);
  });

  it('reports a handler for a job outside the catalogue', () => {
    const found = all();
    found.set('made.up', ['X.y']);
    expect(checkHandlers(found)).toEqual([`'made.up' (X.y) is not in the catalogue`]);
  });
});
