import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { DomainEventType, type DomainEvent } from '../../events/domain-event';
import type { ApiContext } from '../context';
import { MetamodelChangeType } from './metamodel-change.type';
import { changeOf } from './to-change';

interface MetamodelChangedArgs {
  since?: string | null;
}

@Resolver()
export class MetamodelChangedResolver {
  @Subscription(() => MetamodelChangeType, {
    description:
      'Changes to the metamodel: entity kinds, relationship types and touchpoint channels defined, changed, deprecated or deleted. With `since`, first the stored changes after that cursor, then live ones.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, MetamodelChangedArgs, ApiContext>) =>
      context.services.events.open(args.since ?? null, (event) => event.type === DomainEventType.METAMODEL_CHANGED),
  })
  metamodelChanged(
    @Root() event: DomainEvent,
    @Arg('since', () => String, { nullable: true, description: 'Resume after this cursor (from a previous payload).' }) _since?: string | null,
  ): MetamodelChangeType {
    const { operation, name } = event.payload;
    return {
      ...changeOf(event),
      operation: typeof operation === 'string' ? operation : '',
      name: typeof name === 'string' ? name : (event.subjectIds[0] ?? ''),
    };
  }
}
