import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectsAny } from '../../../src/api/shared/selection';

const schema = buildSchema(`
  type Node { id: ID! name: String kind: String }
  type Hood { nodes: [Node!]! truncated: Boolean }
  type Query { hood: Hood }
`);
const LABELS = new Set(['name', 'kind']);

/** Whether the `hood` resolver, run for `query`, would see a label selected under `nodes`. */
function asks(query: string): boolean {
  let seen: boolean | undefined;
  const rootValue = {
    hood: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
      seen = selectsAny(info, ['nodes'], LABELS);
      return { nodes: [], truncated: false };
    },
  };
  const result = execute({ schema, document: parse(query), rootValue });
  if ('errors' in result && result.errors?.[0]) throw new Error(result.errors[0].message);
  if (seen === undefined) throw new Error('resolver did not run');
  return seen;
}

describe('selectsAny', () => {
  it('sees a field named directly, under an alias, in an inline fragment or a (nested) fragment spread', () => {
    expect(asks('{ hood { nodes { id name } } }')).toBe(true);
    expect(asks('{ hood { nodes { id label: kind } } }')).toBe(true);
    expect(asks('{ hood { nodes { id ... on Node { kind } } } }')).toBe(true);
    expect(asks('query { hood { ...H } } fragment H on Hood { nodes { ...N } } fragment N on Node { ...M } fragment M on Node { name }')).toBe(true);
    expect(asks('{ hood { a: nodes { id } b: nodes { kind } } }')).toBe(true);
  });

  it('does not see fields outside the path or absent from the selection', () => {
    expect(asks('{ hood { nodes { id } truncated } }')).toBe(false);
    expect(asks('query { hood { ...H } } fragment H on Hood { nodes { id } }')).toBe(false);
    expect(asks('{ hood { truncated } }')).toBe(false);
  });
});
