import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, type GraphQLNamedType } from 'graphql';

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'schema.graphql'), 'utf8'));
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
/**
 * The only descriptions the code cannot give: type-graphql 2 builds the root types itself
 * (`new GraphQLObjectType({ name: 'Query', fields })` in its SchemaGenerator) and offers no
 * option or decorator to describe them (only rewriting the built schema could, which would
 * change code, not descriptions). Their fields and arguments are still checked.
 */
const UNDESCRIBABLE = new Set(['type Query', 'type Mutation', 'type Subscription']);

/** Every type, field, argument and enum value of the public schema without a description. */
function undocumented(type: GraphQLNamedType): string[] {
  const missing: string[] = [];
  if (!type.description && !UNDESCRIBABLE.has(`type ${type.name}`)) missing.push(`type ${type.name}`);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (!field.description) missing.push(`${type.name}.${field.name}`);
      for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
    }
  }
  if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  return missing;
}

describe('the emitted schema reads on its own', () => {
  it('describes every type, field, argument and enum value (a stranger reads the schema, not the code)', () => {
    const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !(isScalarType(t) && BUILT_IN.has(t.name)));
    expect(types.length).toBeGreaterThan(50);
    expect(types.flatMap(undocumented)).toEqual([]);
  });
});
