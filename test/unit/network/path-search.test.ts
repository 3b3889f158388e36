import { PathEdgeDirection } from '../../../src/domain/network/network.model';
import { joinShortestPaths, SearchSide, shortestSimplePaths, strongestPath, Subgraph, type StepRow } from '../../../src/domain/network/path-search';

/** A relationship `id` stored from → to, seen from `at`. */
function row(id: string, from: string, to: string, at: string, strength: number | null = null): StepRow {
  return { nodeId: at, otherId: at === from ? to : from, relationshipId: id, type: 'KNOWS', outgoing: at === from, strength };
}

describe('bidirectional shortest paths', () => {
  it('joins the two searches at the meeting nodes into every shortest path, with each edge\'s direction', () => {
    // a→b, c→a, b→d, d←c : two shortest a…d paths
    const forward = new SearchSide('a');
    const backward = new SearchSide('d');
    forward.advance([row('r1', 'a', 'b', 'a'), row('r2', 'c', 'a', 'a')]);
    const met = backward.advance([row('r3', 'b', 'd', 'd'), row('r4', 'd', 'c', 'd')]).filter((id) => forward.depth.has(id));
    const paths = joinShortestPaths(forward, backward, met, 10);
    expect(paths.map((p) => p.nodeIds)).toEqual([['a', 'b', 'd'], ['a', 'c', 'd']]);
    expect(paths[1]!.edges.map((e) => [e.relationshipId, e.fromId, e.toId, e.direction])).toEqual([
      ['r2', 'c', 'a', PathEdgeDirection.BACKWARD],
      ['r4', 'd', 'c', PathEdgeDirection.BACKWARD],
    ]);
    expect(joinShortestPaths(forward, backward, met, 1)).toHaveLength(1);
  });

  it('keeps parallel relationships as distinct paths and ignores self-loops', () => {
    const side = new SearchSide('a');
    const reached = side.advance([row('r1', 'a', 'b', 'a'), row('r2', 'a', 'b', 'a'), row('loop', 'a', 'a', 'a')]);
    expect(reached).toEqual(['b']);
    expect(side.parents.get('b')!.map((l) => l.row.relationshipId)).toEqual(['r1', 'r2']);
  });
});

describe('k shortest simple paths', () => {
  const graph = new Subgraph();
  graph.add([
    row('ab', 'a', 'b', 'a'),
    row('bc', 'b', 'c', 'b'),
    row('ad', 'a', 'd', 'a'),
    row('dc', 'd', 'c', 'd'),
    row('ac', 'a', 'c', 'a'),
    row('be', 'b', 'e', 'b'),
    row('ec', 'e', 'c', 'e'),
  ]);

  it('lists simple paths shortest first, up to the limit and the depth', () => {
    expect(shortestSimplePaths(graph, 'a', 'c', 3, 10).map((p) => p.nodeIds.join(''))).toEqual([
      'ac',
      'abc',
      'adc',
      'abec',
    ]);
    expect(shortestSimplePaths(graph, 'a', 'c', 2, 2).map((p) => p.length)).toEqual([1, 2]);
  });

  it('never repeats a node', () => {
    for (const p of shortestSimplePaths(graph, 'a', 'e', 4, 50)) expect(new Set(p.nodeIds).size).toBe(p.nodeIds.length);
  });
});

describe('strongest path', () => {
  it('maximises the product of strengths within the hop limit and skips relationships of strength 0', () => {
    const graph = new Subgraph();
    graph.add([
      row('direct', 'me', 'ceo', 'me', 0.1),
      row('m1', 'me', 'x', 'me', 0.9),
      row('m2', 'x', 'y', 'x', 0.9),
      row('m3', 'y', 'ceo', 'y', 0.9),
      row('zero', 'me', 'ceo', 'me', 0),
    ]);
    const strength = (r: StepRow) => r.strength ?? 0.5;
    expect(strongestPath(graph, 'me', 'ceo', 4, strength)?.nodeIds).toEqual(['me', 'x', 'y', 'ceo']);
    expect(strongestPath(graph, 'me', 'ceo', 4, strength)?.strength).toBeCloseTo(0.729, 10);
    expect(strongestPath(graph, 'me', 'ceo', 2, strength)?.edges.map((e) => e.relationshipId)).toEqual(['direct']);
    expect(strongestPath(graph, 'me', 'nobody', 4, strength)).toBeNull();
  });
});
