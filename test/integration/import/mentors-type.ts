import type { DefineRelationshipTypeInput } from '../../../src/domain/metamodel/metamodel.inputs';
import { PropertyType } from '../../../src/domain/metamodel/metamodel.types';

/** A person-to-person relationship type with two custom properties, for import tests. */
export function mentorsType(name = 'MENTORS'): DefineRelationshipTypeInput {
  return {
    name,
    source: { kinds: ['Person'] },
    target: { kinds: ['Person'] },
    properties: [
      { name: 'topic', type: PropertyType.STRING },
      { name: 'sessions', type: PropertyType.INT },
    ],
  };
}
