import { connectedComponents, degrees, pageRank, toCompactGraph } from '../../../src/domain/analytics/compact-graph';

describe('the compact graph', () => {
  const g = toCompactGraph({ ids: ['a', 'b', 'c', 'd'], edges: [0, 1, 1, 0, 0, 1, 1, 2, 2, 2] });

  it('reads relationships as undirected, collapses parallel ones and ignores self-loops', () => {
    expect([...degrees(g)]).toEqual([1, 2, 1, 0]);
    expect(connectedComponents(g)).toEqual([[0, 1, 2], [3]]);
  });

  it('gives PageRank that sums to 1, isolated nodes included, and ranks the middle of a path highest', () => {
    const ranks = pageRank(g);
    expect([...ranks].reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
    expect(ranks[1]).toBeGreaterThan(ranks[0]!);
    expect(ranks[0]).toBeCloseTo(ranks[2]!, 12);
  });

  it('handles an empty projection', () => {
    expect(pageRank(toCompactGraph({ ids: [], edges: [] }))).toHaveLength(0);
  });
});
