import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { DomainEvent } from '../../events/domain-event';
import type { ApiContext } from '../context';
import type { RelationshipType } from '../relationships/relationship.type';
import { RelationshipChangeFilterInput } from './change-filter.inputs';
import { relationshipChangePredicate } from './change-predicates';
import { RelationshipChangeType } from './relationship-change.type';
import { changeOf, recordOf } from './to-change';

interface RelationshipChangedArgs {
  filter?: RelationshipChangeFilterInput | null;
  since?: string | null;
}

@Resolver()
export class RelationshipChangedResolver {
  @Subscription(() => RelationshipChangeType, {
    description:
      'Relationships created, updated, ended or deleted, optionally only some (by relationship or endpoint ids, by types). With `since`, first the stored changes after that cursor, then live ones.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, RelationshipChangedArgs, ApiContext>) =>
      context.services.events.open(args.since ?? null, relationshipChangePredicate(args.filter ?? {})),
  })
  relationshipChanged(
    @Root() event: DomainEvent,
    @Arg('filter', () => RelationshipChangeFilterInput, {
      nullable: true,
      description: 'Which relationship changes to deliver; absent: all. At most 1,000 values per list (BAD_USER_INPUT beyond).',
    })
    _filter?: RelationshipChangeFilterInput | null,
    @Arg('since', () => String, { nullable: true, description: 'Resume after this cursor (from a previous payload).' }) _since?: string | null,
  ): RelationshipChangeType {
    return { ...changeOf(event), relationship: recordOf<RelationshipType>(event, 'relationship') };
  }
}
