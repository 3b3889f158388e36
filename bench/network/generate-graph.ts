/**
 * A deterministic generated graph: preferential attachment (Barabási–Albert), so degrees
 * follow a power law with a few hubs, from a seed. Shared by the benchmark and the path tests.
 */

import { seededRandom } from '../../src/domain/shared/seeded-random';

export { seededRandom };

export interface GeneratedEdge {
  from: number;
  to: number;
  /** 0.05 … 1, two decimals. */
  strength: number;
}

export interface GeneratedGraph {
  nodeCount: number;
  edges: GeneratedEdge[];
}

/**
 * `nodeCount` nodes and about `edgeCount` edges: each new node links to `edgeCount / nodeCount`
 * earlier nodes picked in proportion to their degree (parallel picks collapse).
 */
export function generateGraph(nodeCount: number, edgeCount: number, seed: number): GeneratedGraph {
  const random = seededRandom(seed);
  const perNode = Math.max(1, Math.round(edgeCount / nodeCount));
  const edges: GeneratedEdge[] = [];
  const ends: number[] = [];
  const seen = new Set<string>();
  for (let node = 1; node < nodeCount; node++) {
    const picks = Math.min(perNode, node);
    for (let k = 0; k < picks; k++) {
      const target = ends.length === 0 || random() < 0.2 ? Math.floor(random() * node) : (ends[Math.floor(random() * ends.length)] ?? 0);
      const key = `${node}-${target}`;
      if (target === node || seen.has(key)) continue;
      seen.add(key);
      const forward = random() < 0.5;
      edges.push({ from: forward ? node : target, to: forward ? target : node, strength: Math.round((0.05 + random() * 0.95) * 100) / 100 });
      ends.push(node, target);
    }
  }
  return { nodeCount, edges };
}
