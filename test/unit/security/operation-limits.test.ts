import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, type GraphQLError } from 'graphql';
import { checkOperationLimits, parseWithinLimits, type QueryLimits } from '../../../src/api/security/operation-limits';

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'schema.graphql'), 'utf8'));
const limits: QueryLimits = { maxDepth: 10, maxAliases: 15, maxDirectives: 10, maxTokens: 2000, maxCost: 1_000_000, defaultListSize: 20 };
const check = (query: string, variables: Record<string, unknown> = {}, l: Partial<QueryLimits> = {}) =>
  checkOperationLimits(schema, parse(query), undefined, variables, { ...limits, ...l })?.extensions;

describe('operation limits', () => {
  it('accepts the README example queries', () => {
    expect(check('{ entity(id: "x") { name relationships(direction: BOTH, first: 50) { totalCount edges { direction node { type } other { id relationships { totalCount } } } } } }')).toBeUndefined();
    expect(check('{ entities(first: 10) { totalCount pageInfo { hasNextPage } edges { node { id name properties } } } }')).toBeUndefined();
  });

  it('measures depth through fragments and inline fragments, not counting introspection', () => {
    const nested = (n: number) => Array.from({ length: n }).reduce<string>((inner) => `relationships { edges { other { ${inner} } } }`, 'id');
    expect(check(`{ entities { edges { node { ${nested(2)} } } } }`)).toBeUndefined(); // 3 + 6 + the leaf = 10 levels
    expect(check(`{ entities { edges { node { ${nested(2).replace('id', 'other { id }')} } } } }`)).toMatchObject({ limit: 'depth' });
    expect(check(`{ entity(id: "x") { ${nested(4)} } }`)).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', max: 10 });
    expect(check(`{ entity(id: "x") { ...F } } fragment F on Entity { ... on Entity { ${nested(4)} } }`)).toMatchObject({ limit: 'depth' });
    expect(check('{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }')).toBeUndefined();
  });

  it('survives fragment cycles (graphql reports them)', () => {
    expect(check('{ entity(id: "x") { ...A } } fragment A on Entity { ...B } fragment B on Entity { ...A }')).toBeUndefined();
  });

  it('counts aliases and directives in the whole document', () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: serverInfo { version }`).join(' ');
    expect(check(`{ ${aliases(15)} }`)).toBeUndefined();
    expect(check(`{ ${aliases(16)} }`)).toMatchObject({ limit: 'aliases', max: 15, actual: 16 });
    expect(check(`{ serverInfo { ${'version @include(if: true) '.repeat(11)} } }`)).toMatchObject({ limit: 'directives', actual: 11 });
  });

  it('weighs lists by their page size, from literals or variables', () => {
    const query = 'query ($n: Int) { entities(first: $n) { edges { node { relationships(first: $n) { edges { other { relationships(first: $n) { edges { other { id } } } } } } } } } }';
    expect(check(query, { n: 10 })).toBeUndefined();
    expect(check(query, { n: 100 })).toMatchObject({ limit: 'cost', max: 1_000_000 });
    expect(check('{ entities { edges { node { id } } } }', {}, { maxCost: 20 })).toMatchObject({ limit: 'cost' }); // default size 20 → 1 + 1 + 20
    expect(check('{ entities { totalCount } }', {}, { maxCost: 2 })).toBeUndefined();
  });

  it('sizes a traversal by maxNodes', () => {
    expect(check('{ neighbourhood(id: "x", maxNodes: 100) { nodes { id } } }', {}, { maxCost: 150 })).toBeUndefined();
    expect(check('{ neighbourhood(id: "x", maxNodes: 1000) { nodes { id } } }', {}, { maxCost: 150 })).toMatchObject({ limit: 'cost' });
  });

  it('stops at the token limit while parsing', () => {
    const error = parseWithinLimits(`{ serverInfo { ${'version '.repeat(100)} } }`, { ...limits, maxTokens: 50 }) as GraphQLError;
    expect(error.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'tokens', max: 50 });
    expect(parseWithinLimits('{ serverInfo { version } }', limits)).toHaveProperty('kind', 'Document');
    expect((parseWithinLimits('{ serverInfo {', limits) as GraphQLError).message).toContain('Syntax Error');
  });

  describe('on a document seen before (Apollo reuses the parsed document of a query text)', () => {
    it('counts the cost again for each request when a page size is a variable', () => {
      const document = parse('query ($n: Int) { entities(first: $n) { edges { node { relationships(first: $n) { edges { other { relationships(first: $n) { edges { other { id } } } } } } } } } }');
      expect(checkOperationLimits(schema, document, undefined, { n: 10 }, limits)).toBeUndefined();
      expect(checkOperationLimits(schema, document, undefined, { n: 100 }, limits)?.extensions).toMatchObject({ limit: 'cost' });
    });

    it('checks it again under other limits', () => {
      const document = parse('{ entity(id: "x") { relationships { edges { other { id } } } } }');
      expect(checkOperationLimits(schema, document, undefined, {}, limits)).toBeUndefined();
      expect(checkOperationLimits(schema, document, undefined, {}, { ...limits, maxDepth: 2 })?.extensions).toMatchObject({ limit: 'depth' });
      expect(checkOperationLimits(schema, document, undefined, {}, { ...limits, maxCost: 1 })?.extensions).toMatchObject({ limit: 'cost' });
    });

    it('checks each of its operations', () => {
      const document = parse('query Flat { entity(id: "x") { id } } query Deep { entity(id: "x") { relationships { edges { other { relationships { edges { other { id } } } } } } } }');
      const strict = { ...limits, maxDepth: 4 };
      expect(checkOperationLimits(schema, document, 'Flat', {}, strict)).toBeUndefined();
      expect(checkOperationLimits(schema, document, 'Deep', {}, strict)?.extensions).toMatchObject({ limit: 'depth' });
      expect(checkOperationLimits(schema, document, 'Flat', {}, strict)).toBeUndefined();
    });

    it('refuses it every time it exceeds a limit', () => {
      const document = parse(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: serverInfo { version }`).join(' ')} }`);
      expect(checkOperationLimits(schema, document, undefined, {}, limits)?.extensions).toMatchObject({ limit: 'aliases' });
      expect(checkOperationLimits(schema, document, undefined, {}, limits)?.extensions).toMatchObject({ limit: 'aliases' });
    });
  });
});
