import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { DomainEvent } from '../../events/domain-event';
import type { ApiContext } from '../context';
import type { TouchpointType } from '../touchpoints/touchpoint.type';
import { TouchpointRecordedFilterInput } from './change-filter.inputs';
import { touchpointRecordedPredicate } from './change-predicates';
import { lookupsFor } from './subscription-lookups';
import { TouchpointChangeType } from './touchpoint-change.type';
import { changeOf, recordOf } from './to-change';

interface TouchpointRecordedArgs {
  filter?: TouchpointRecordedFilterInput | null;
  since?: string | null;
}

async function subscribe({ args, context }: SubscribeResolverData<unknown, TouchpointRecordedArgs, ApiContext>) {
  const lookups = lookupsFor(context.services);
  const predicate = touchpointRecordedPredicate(args.filter ?? {}, lookups);
  const scope = args.filter?.withinNetworkOf;
  // Resolve the network once now, so an unknown centre fails the subscription up front.
  if (scope) await lookups.network({ id: scope.id, depth: scope.depth ?? 1, types: scope.types ?? null });
  return context.services.events.open(args.since ?? null, predicate);
}

@Resolver()
export class TouchpointRecordedResolver {
  @Subscription(() => TouchpointChangeType, {
    description:
      'Touchpoints as they are recorded, optionally only some (participants, channels, participant kinds, sentiment, network of an entity). With `since`, first the stored ones after that cursor, then live ones.',
    subscribe,
  })
  touchpointRecorded(
    @Root() event: DomainEvent,
    @Arg('filter', () => TouchpointRecordedFilterInput, {
      nullable: true,
      description:
        'Which touchpoints to deliver; absent: all. At most 1,000 values per list (BAD_USER_INPUT beyond). BAD_USER_INPUT when minSentiment exceeds maxSentiment; NOT_FOUND for an unknown `withinNetworkOf` centre.',
    })
    _filter?: TouchpointRecordedFilterInput | null,
    @Arg('since', () => String, { nullable: true, description: 'Resume after this cursor (from a previous payload).' }) _since?: string | null,
  ): TouchpointChangeType {
    return { ...changeOf(event), touchpoint: recordOf<TouchpointType>(event, 'touchpoint') };
  }
}
