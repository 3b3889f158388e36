/**
 * A compact undirected simple graph (CSR: offsets + neighbour indexes in typed arrays) and
 * the linear-time algorithms on it. At 100k nodes / 500k relationships, building a graphology
 * graph alone takes seconds; these run in well under a second, so degree, PageRank and
 * connected components use this form. Betweenness, closeness and Louvain use graphology.
 */
import type { Projection } from './analytics.model';

export interface CompactGraph {
  n: number;
  /** Neighbours of node i are `targets[offsets[i] … offsets[i+1]-1]`, sorted, without duplicates. */
  offsets: Int32Array;
  targets: Int32Array;
}

/** Typed-array read; indexes are in range by construction (`?? 0` satisfies noUncheckedIndexedAccess). */
function at(array: Int32Array | Float64Array | readonly number[], i: number): number {
  return array[i] ?? 0;
}

/** The projection as an undirected simple graph: direction and parallel relationships dropped, self-loops ignored. */
export function toCompactGraph(projection: Projection): CompactGraph {
  const n = projection.ids.length;
  const { edges } = projection;
  const valid = (x: number, y: number) => x !== y && x < n && y < n;
  const start = new Int32Array(n + 1);
  for (let i = 0; i + 1 < edges.length; i += 2) {
    const x = at(edges, i);
    const y = at(edges, i + 1);
    if (!valid(x, y)) continue;
    start[x + 1] = at(start, x + 1) + 1;
    start[y + 1] = at(start, y + 1) + 1;
  }
  for (let i = 0; i < n; i++) start[i + 1] = at(start, i + 1) + at(start, i);
  const fill = start.slice(0, n);
  const all = new Int32Array(at(start, n));
  for (let i = 0; i + 1 < edges.length; i += 2) {
    const x = at(edges, i);
    const y = at(edges, i + 1);
    if (!valid(x, y)) continue;
    all[at(fill, x)] = y;
    fill[x] = at(fill, x) + 1;
    all[at(fill, y)] = x;
    fill[y] = at(fill, y) + 1;
  }
  // Sort each node's neighbours and drop duplicates (parallel relationships).
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(all.length);
  let out = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = out;
    const segment = all.subarray(at(start, i), at(start, i + 1)).sort();
    for (let k = 0; k < segment.length; k++) {
      if (k === 0 || segment[k] !== segment[k - 1]) targets[out++] = at(segment, k);
    }
  }
  offsets[n] = out;
  return { n, offsets, targets: targets.slice(0, out) };
}

/** Number of distinct neighbours of each node. */
export function degrees(g: CompactGraph): Float64Array {
  const out = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) out[i] = at(g.offsets, i + 1) - at(g.offsets, i);
  return out;
}

/**
 * PageRank by power iteration, as NetworkX defines it: damping `alpha`, uniform teleport, the
 * rank of nodes without neighbours spread uniformly; stops when the L1 change is below n·tol.
 */
export function pageRank(g: CompactGraph, alpha = 0.85, tol = 1e-10, maxIterations = 200): Float64Array {
  const { n, offsets, targets } = g;
  if (n === 0) return new Float64Array(0);
  // The graph is undirected (each edge stored both ways), so "pull" from the neighbours equals
  // "push" to them; pulling writes each entry once. Two buffers, swapped, no allocation per round.
  const inverseDegree = new Float64Array(n);
  const danglingNodes: number[] = [];
  for (let i = 0; i < n; i++) {
    const degree = at(offsets, i + 1) - at(offsets, i);
    if (degree === 0) danglingNodes.push(i);
    else inverseDegree[i] = 1 / degree;
  }
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangling = 0;
    for (const i of danglingNodes) dangling += at(x, i);
    const base = (1 - alpha) / n + (alpha * dangling) / n;
    for (let i = 0; i < n; i++) share[i] = alpha * at(x, i) * at(inverseDegree, i);
    let change = 0;
    for (let j = 0; j < n; j++) {
      let sum = 0;
      const to = at(offsets, j + 1);
      for (let k = at(offsets, j); k < to; k++) sum += at(share, at(targets, k));
      const value = base + sum;
      next[j] = value;
      change += Math.abs(value - at(x, j));
    }
    [x, next] = [next, x];
    if (change < n * tol) break;
  }
  return x;
}

/** Connected components, as lists of node indexes. */
export function connectedComponents(g: CompactGraph): number[][] {
  const seen = new Uint8Array(g.n);
  const groups: number[][] = [];
  for (let root = 0; root < g.n; root++) {
    if (seen[root]) continue;
    seen[root] = 1;
    const members = [root];
    for (let i = 0; i < members.length; i++) {
      const v = at(members, i);
      for (let k = at(g.offsets, v); k < at(g.offsets, v + 1); k++) {
        const w = at(g.targets, k);
        if (!seen[w]) {
          seen[w] = 1;
          members.push(w);
        }
      }
    }
    groups.push(members);
  }
  return groups;
}
