import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import { requiredRole } from '../../../src/auth';

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'schema.graphql'), 'utf8'));
const fields = (name: 'Query' | 'Mutation' | 'Subscription'): string[] => {
  const type = schema.getType(name);
  return isObjectType(type) ? Object.keys(type.getFields()) : [];
};

describe('the role each root field needs', () => {
  it('never lets less than an editor write', () => {
    for (const field of fields('Mutation')) expect([field, requiredRole('mutation', field)]).not.toEqual([field, expect.stringMatching(/viewer|analyst/)]);
  });

  it('keeps the metamodel and API keys for admins', () => {
    const admin = [...fields('Mutation'), ...fields('Query')].filter((f) => /EntityKind|RelationshipType|ApiKey|apiKeys|Channel$/.test(f) && !/^(entityKinds?|relationshipTypes?)$/.test(f));
    expect(admin.length).toBeGreaterThan(8);
    for (const field of admin) {
      const kind = fields('Mutation').includes(field) ? 'mutation' : 'query';
      expect([field, requiredRole(kind, field)]).toEqual([field, 'admin']);
    }
  });

  it('keeps traversals and analytics for analysts', () => {
    for (const field of ['neighbourhood', 'shortestPath', 'allShortestPaths', 'centrality', 'communities', 'connectedComponents', 'introductionPath', 'commonConnections', 'connectionPaths']) {
      expect(fields('Query')).toContain(field);
      expect(requiredRole('query', field)).toBe('analyst');
    }
  });

  it('lets viewers read records and subscribe', () => {
    expect(requiredRole('query', 'entities')).toBe('viewer');
    expect(requiredRole('query', 'touchpoints')).toBe('viewer');
    for (const field of fields('Subscription')) expect(requiredRole('subscription', field)).toBe('viewer');
  });
});
