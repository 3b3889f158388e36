import { registerEnumType } from 'type-graphql';
import { PropertyType } from '../../domain/metamodel/metamodel.types';

registerEnumType(PropertyType, {
  name: 'PropertyType',
  description: 'The type of a custom property. Values travel as JSON; the type says which JSON is accepted.',
  valuesConfig: {
    STRING: { description: 'Text.' },
    INT: { description: 'A whole number within ±2^53-1.' },
    FLOAT: { description: 'A finite number.' },
    BOOLEAN: { description: 'true or false.' },
    DATE: { description: 'A calendar date, `YYYY-MM-DD`.' },
    DATETIME: {
      description: 'An ISO-8601 date-time with `Z` or an offset, e.g. `2026-03-01T09:00:00+01:00`; stored and returned in UTC.',
    },
    STRING_LIST: { description: 'A list of texts.' },
  },
});

export { PropertyType };
