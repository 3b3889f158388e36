import type { Category } from '../metamodel/metamodel.types';

/** The computations analytics offers. */
export enum AnalyticsAlgorithm {
  DEGREE = 'DEGREE',
  PAGERANK = 'PAGERANK',
  BETWEENNESS = 'BETWEENNESS',
  CLOSENESS = 'CLOSENESS',
  COMMUNITIES = 'COMMUNITIES',
  COMPONENTS = 'COMPONENTS',
}

/** The centrality measures (a subset of the algorithms). */
export type CentralityMetric =
  | AnalyticsAlgorithm.DEGREE
  | AnalyticsAlgorithm.PAGERANK
  | AnalyticsAlgorithm.BETWEENNESS
  | AnalyticsAlgorithm.CLOSENESS;

/** What part of the graph to compute on: everything, or a filter and/or a neighbourhood. */
export interface AnalyticsScope {
  /** Only entities of these kinds. */
  kinds?: string[] | null;
  /** Only entities of these categories. */
  categories?: Category[] | null;
  /** Only relationships of these types. */
  relationshipTypes?: string[] | null;
  /** Only relationships valid at this ISO-8601 instant. */
  activeAt?: string | null;
  /** Only the neighbourhood of this entity … */
  aroundId?: string | null;
  /** … up to this many hops (default 2). */
  depth?: number | null;
}

/**
 * The bounded projection the algorithms run on: node ids and relationships as index
 * pairs. Direction and parallel relationships are kept here; the algorithms read it as an
 * undirected simple graph.
 */
export interface Projection {
  ids: string[];
  /** Flat [source, target, source, target, …] indexes into `ids` (an Int32Array inside the worker). */
  edges: readonly number[] | Int32Array;
}

/** A node's score. */
export interface NodeScore {
  id: string;
  score: number;
}

/** A group of nodes (a community or a connected component). */
export interface NodeGroup {
  /** 0-based, by decreasing size. */
  index: number;
  members: string[];
}

/** What a worker sends back. */
export type AnalyticsOutcome =
  | { kind: 'scores'; scores: NodeScore[] }
  | { kind: 'groups'; groups: NodeGroup[]; modularity: number | null };

/** A cached result with its projection's size. */
export interface AnalyticsResult {
  algorithm: AnalyticsAlgorithm;
  nodeCount: number;
  edgeCount: number;
  /** The graph version the result was computed at (see AnalyticsService.invalidate). */
  graphVersion: number;
  computedAt: string;
  outcome: AnalyticsOutcome;
}
