import { findCycle, moduleGraph, printGraph, upwardArrows } from './module-graph.js';

describe('module import graph', () => {
  const graph = moduleGraph();

  it('has every module on a layer and no arrow pointing up', () => {
    expect(upwardArrows(graph)).toEqual([]);
  });

  it('has no cycle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('sees the arrows that are there (the graph is not empty by mistake)', () => {
    expect(graph.edges.get('reconciliation')?.get('ledger-facts')).toBeGreaterThan(0);
    expect(graph.edges.get('cases')?.get('flags')).toBeGreaterThan(0);
    expect(printGraph(graph)).toContain('upward arrows: 0');
  });

  it('finds an upward arrow and a cycle when there are some', () => {
    const bad = moduleGraph();
    bad.edges.get('snapshots')!.set('reconciliation', 1);
    expect(upwardArrows(bad)).toEqual(['snapshots -> reconciliation']);
    bad.edges.get('reconciliation')!.set('snapshots', 1);
    expect(findCycle(bad)).not.toBeNull();
  });
});
