import type { Role } from './role';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/**
 * Root fields that need more than the default of their operation kind. Defaults:
 * queries and subscriptions `viewer`, mutations `editor`, so a new root field is never
 * open by accident (a new analytics query must be added here to need `analyst`).
 */
const ROLE_OF_ROOT_FIELD: Readonly<Record<string, Role>> = {
  // analyst: traversal and analytics
  neighbourhood: 'analyst',
  shortestPath: 'analyst',
  allShortestPaths: 'analyst',
  commonConnections: 'analyst',
  connectionPaths: 'analyst',
  introductionPath: 'analyst',
  relationshipStrength: 'analyst',
  centrality: 'analyst',
  communities: 'analyst',
  connectedComponents: 'analyst',
  experienceMetrics: 'analyst',
  // admin: the metamodel and API keys
  defineEntityKind: 'admin',
  updateEntityKind: 'admin',
  deprecateEntityKind: 'admin',
  deleteEntityKind: 'admin',
  defineRelationshipType: 'admin',
  updateRelationshipType: 'admin',
  deprecateRelationshipType: 'admin',
  deleteRelationshipType: 'admin',
  defineChannel: 'admin',
  updateChannel: 'admin',
  deprecateChannel: 'admin',
  deleteChannel: 'admin',
  apiKeys: 'admin',
  createApiKey: 'admin',
  revokeApiKey: 'admin',
};

/** The role a root field needs. */
export function requiredRole(kind: OperationKind, field: string): Role {
  return ROLE_OF_ROOT_FIELD[field] ?? (kind === 'mutation' ? 'editor' : 'viewer');
}
