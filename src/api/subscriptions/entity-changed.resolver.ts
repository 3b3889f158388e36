import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { DomainEvent } from '../../events/domain-event';
import type { ApiContext } from '../context';
import type { EntityType } from '../entities/entity.type';
import { EntityChangeFilterInput } from './change-filter.inputs';
import { entityChangePredicate } from './change-predicates';
import { EntityChangeType } from './entity-change.type';
import { changeOf, recordOf } from './to-change';

interface EntityChangedArgs {
  filter?: EntityChangeFilterInput | null;
  since?: string | null;
}

@Resolver()
export class EntityChangedResolver {
  @Subscription(() => EntityChangeType, {
    description:
      'Entities created, updated or deleted, optionally only some ids or kinds. With `since`, first the stored changes after that cursor, then live ones.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, EntityChangedArgs, ApiContext>) =>
      context.services.events.open(args.since ?? null, entityChangePredicate(args.filter ?? {})),
  })
  entityChanged(
    @Root() event: DomainEvent,
    @Arg('filter', () => EntityChangeFilterInput, {
      nullable: true,
      description: 'Which entity changes to deliver; absent: all. At most 1,000 values per list (BAD_USER_INPUT beyond).',
    })
    _filter?: EntityChangeFilterInput | null,
    @Arg('since', () => String, { nullable: true, description: 'Resume after this cursor (from a previous payload).' }) _since?: string | null,
  ): EntityChangeType {
    return { ...changeOf(event), entity: recordOf<EntityType>(event, 'entity') };
  }
}
