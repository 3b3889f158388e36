import type { PropertyValues } from '../metamodel/metamodel.types';

/** A typed, directed (or symmetric) link between two entities, valid over an interval. */
export interface Relationship {
  /** `<fromId>.<ulid>`: opaque to clients; it lets the engines find it through its source. */
  id: string;
  type: string;
  fromId: string;
  toId: string;
  role: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** 0 to 1. */
  strength: number | null;
  properties: PropertyValues;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

export interface RelateCommand {
  type: string;
  fromId: string;
  toId: string;
  role?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  strength?: number | null;
  properties?: Record<string, unknown> | null;
  /** The client's key for a safe retry: a second request with it returns the first result and writes nothing. */
  idempotencyKey?: string | null;
}

export interface UpdateRelationshipCommand {
  id: string;
  expectedVersion: number;
  /** For the nullable fields: undefined leaves the value, null clears it. */
  role?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  strength?: number | null;
  properties?: Record<string, unknown> | null;
}

export enum RelationshipDirection {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
  BOTH = 'BOTH',
}

/** Which relationships of an entity to list. */
export interface RelationshipQuery {
  direction?: RelationshipDirection | null;
  types?: string[] | null;
  /** Only relationships valid at this instant. */
  activeAt?: string | null;
}

/** A relationship seen from one of its ends. */
export interface RelationshipFromEntity {
  relationship: Relationship;
  /** How it points relative to the entity; symmetric types read OUTGOING from both ends. */
  direction: RelationshipDirection.OUTGOING | RelationshipDirection.INCOMING;
  otherId: string;
}
