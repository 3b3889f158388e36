import type { EntitySummary } from '../../graph/traversal.port';
import type { Entity } from '../entities/entity.model';
import type { Category } from '../metamodel/metamodel.types';
import type { RelationshipDirection } from '../relationships/relationship.model';

/** What a visualisation labels an entity with (id, kind, category, name); the topology index holds it. */
export type { EntitySummary };

/** What `neighbourhood` expands. */
export interface NeighbourhoodQuery {
  id: string;
  /** Hops from the start; 1 … the configured maximum (default 3). Default 2. */
  depth?: number | null;
  /** Which relationships to follow, relative to the entity being expanded. Default BOTH. */
  direction?: RelationshipDirection | null;
  relationshipTypes?: string[] | null;
  /** Only reach (and expand through) entities of these kinds. */
  kinds?: string[] | null;
  /** Only reach (and expand through) entities of these categories. */
  categories?: Category[] | null;
  /** ISO-8601 instant: only relationships valid then. */
  activeAt?: string | null;
  /** Most nodes in the answer, the start included; default and maximum from the configuration. */
  maxNodes?: number | null;
  /** Label each node with its entity's kind, category and name (default false: off the topology index that costs a statement). */
  withSummaries?: boolean;
}

/** An entity of a neighbourhood (by id; the API loads the full record in one batch) with its distance from the start. */
export interface NeighbourhoodNode {
  id: string;
  depth: number;
  /** Its kind, category and name, for a visualisation's labels; null when the query asked for none (`withSummaries` false). */
  summary: EntitySummary | null;
}

/** A relationship of a neighbourhood, as ids and scalars (the API loads the full one on demand). */
export interface NeighbourhoodEdge {
  id: string;
  type: string;
  fromId: string;
  toId: string;
  strength: number | null;
}

/** A subgraph around one entity, ready for a visualisation. */
export interface Neighbourhood {
  /** The start (depth 0) first, then each level in id order. */
  nodes: NeighbourhoodNode[];
  /** Every matching relationship whose both ends are nodes of the answer, by id. */
  edges: NeighbourhoodEdge[];
  /** True when maxNodes (or the edge cap) cut the answer short. */
  truncated: boolean;
}

/** How a path step runs relative to the stored relationship. */
export enum PathEdgeDirection {
  /** The step goes from the relationship's source to its target. */
  FORWARD = 'FORWARD',
  /** The step goes from the relationship's target to its source. */
  BACKWARD = 'BACKWARD',
}

/** One hop of a path. */
export interface PathEdge {
  relationshipId: string;
  type: string;
  /** The stored source and target of the relationship. */
  fromId: string;
  toId: string;
  direction: PathEdgeDirection;
  /** Strength used for this hop (introductionPath only; null elsewhere). */
  strength: number | null;
}

/** A path: `nodeIds[i]` —`edges[i]`→ `nodeIds[i+1]`. */
export interface GraphPath {
  nodeIds: string[];
  edges: PathEdge[];
  /** Number of hops. */
  length: number;
  /** Product of the hop strengths (introductionPath only; null elsewhere). */
  strength: number | null;
}

/** What the path queries share. */
export interface PathQuery {
  from: string;
  to: string;
  relationshipTypes?: string[] | null;
  /** OUTGOING: every hop follows its relationship from source to target (BOTH by default); symmetric types count either way. */
  direction?: RelationshipDirection | null;
  /** Only pass through entities of these kinds (the ends are exempt). */
  kinds?: string[] | null;
  /** Only pass through entities of these categories (the ends are exempt). */
  categories?: Category[] | null;
  /** Longest path considered, in hops. */
  maxDepth?: number | null;
  activeAt?: string | null;
  /** Most paths returned. */
  limit?: number | null;
}

/** An entity related directly to both of two entities. */
export interface CommonConnection {
  entity: Entity;
  /** Ids of the relationships between the first entity and this one. */
  viaA: string[];
  /** Ids of the relationships between the second entity and this one. */
  viaB: string[];
}

export interface CommonConnectionsQuery {
  a: string;
  b: string;
  relationshipTypes?: string[] | null;
  activeAt?: string | null;
  limit?: number | null;
}
