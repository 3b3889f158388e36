import { registerEnumType } from 'type-graphql';
import { Category } from '../../domain/metamodel/metamodel.types';

registerEnumType(Category, {
  name: 'Category',
  description: 'The three families every entity kind belongs to. Each is also a node label in the graph.',
  valuesConfig: {
    STAKEHOLDER: { description: 'People, organisations, departments, events: parties the business has relationships with.' },
    OBJECT: { description: 'Things: vehicles, devices, equipment.' },
    LOCATION: { description: 'Places: sites, buildings, rooms, halls.' },
  },
});

export { Category };
