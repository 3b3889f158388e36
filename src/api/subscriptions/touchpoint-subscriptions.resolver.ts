import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { DomainEvent } from '../../events/domain-event';
import type { ApiContext } from '../context';
import type { TouchpointType } from '../touchpoints/touchpoint.type';
import { TouchpointRecordedFilterInput } from './change-filter.inputs';
import { TOUCHPOINT_EVENTS, TOUCHPOINT_RECORDED_EVENTS, touchpointPredicate } from './change-predicates';
import { lookupsFor } from './subscription-lookups';
import { TouchpointChangeType } from './touchpoint-change.type';
import { changeOf, recordOf } from './to-change';

interface TouchpointSubscriptionArgs {
  filter?: TouchpointRecordedFilterInput | null;
  since?: string | null;
}

const FILTER_DESCRIPTION =
  'Which touchpoints to deliver; absent: all. At most 1,000 values per list (BAD_USER_INPUT beyond). BAD_USER_INPUT when minSentiment exceeds maxSentiment; NOT_FOUND for an unknown `withinNetworkOf` centre.';
const SINCE_DESCRIPTION = 'Resume after this cursor (from a previous payload).';

/** Opens a feed of the touchpoint events of `types` that match the filter. */
function subscribeTo(types: ReadonlySet<string>) {
  return async ({ args, context }: SubscribeResolverData<unknown, TouchpointSubscriptionArgs, ApiContext>) => {
    const lookups = lookupsFor(context.services);
    const predicate = touchpointPredicate(args.filter ?? {}, lookups, types);
    const scope = args.filter?.withinNetworkOf;
    // Resolve the network once now, so an unknown centre fails the subscription up front.
    if (scope) await lookups.network({ id: scope.id, depth: scope.depth ?? 1, types: scope.types ?? null });
    return context.services.events.open(args.since ?? null, predicate);
  };
}

function toTouchpointChange(event: DomainEvent): TouchpointChangeType {
  return { ...changeOf(event), touchpoint: recordOf<TouchpointType>(event, 'touchpoint') };
}

@Resolver()
export class TouchpointSubscriptionsResolver {
  @Subscription(() => TouchpointChangeType, {
    description:
      'Touchpoints as they are recorded, optionally only some (participants, channels, participant kinds, sentiment, network of an entity). With `since`, first the stored ones after that cursor, then live ones.',
    subscribe: subscribeTo(TOUCHPOINT_RECORDED_EVENTS),
  })
  touchpointRecorded(
    @Root() event: DomainEvent,
    @Arg('filter', () => TouchpointRecordedFilterInput, { nullable: true, description: FILTER_DESCRIPTION }) _filter?: TouchpointRecordedFilterInput | null,
    @Arg('since', () => String, { nullable: true, description: SINCE_DESCRIPTION }) _since?: string | null,
  ): TouchpointChangeType {
    return toTouchpointChange(event);
  }

  @Subscription(() => TouchpointChangeType, {
    description:
      'Touchpoints recorded, changed (a corrected sentiment, summary, participants …) or deleted, with the same filter as touchpointRecorded; a change matches when the touchpoint matched before or after it. `type` tells which. With `since`, first the stored ones after that cursor, then live ones.',
    subscribe: subscribeTo(TOUCHPOINT_EVENTS),
  })
  touchpointChanged(
    @Root() event: DomainEvent,
    @Arg('filter', () => TouchpointRecordedFilterInput, { nullable: true, description: FILTER_DESCRIPTION }) _filter?: TouchpointRecordedFilterInput | null,
    @Arg('since', () => String, { nullable: true, description: SINCE_DESCRIPTION }) _since?: string | null,
  ): TouchpointChangeType {
    return toTouchpointChange(event);
  }
}
