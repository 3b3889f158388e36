import { registerEnumType } from 'type-graphql';
import { DomainEventType } from '../../events/domain-event';

registerEnumType(DomainEventType, {
  name: 'ChangeType',
  description: 'What happened: the type of the committed change a subscription payload reports.',
});

export { DomainEventType as ChangeType };
