import { registerEnumType } from 'type-graphql';
import { Cardinality } from '../../domain/metamodel/metamodel.types';

registerEnumType(Cardinality, {
  name: 'Cardinality',
  description: 'How many active relationships of a type a record may have.',
  valuesConfig: {
    MANY_TO_MANY: { description: 'Any number on both sides.' },
    MANY_TO_ONE: {
      description: 'A source has at most one active relationship of this type; a target may have many (e.g. REPORTS_TO).',
    },
    ONE_TO_ONE: { description: 'A source has at most one, and a target has at most one.' },
  },
});

export { Cardinality };
