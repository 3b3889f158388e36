import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { DomainEvent } from '../../events/domain-event';
import type { BookingType } from '../bookings/booking.type';
import type { ApiContext } from '../context';
import { occupancyPredicate } from './change-predicates';
import { OccupancyChangeType } from './occupancy-change.type';
import { changeOf, recordOf } from './to-change';

interface OccupancyChangedArgs {
  resourceId: string;
  since?: string | null;
}

@Resolver()
export class OccupancyChangedResolver {
  @Subscription(() => OccupancyChangeType, {
    description: 'Bookings of one object or location made or cancelled. With `since`, first the stored ones after that cursor, then live ones.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, OccupancyChangedArgs, ApiContext>) =>
      context.services.events.open(args.since ?? null, occupancyPredicate(args.resourceId)),
  })
  occupancyChanged(
    @Root() event: DomainEvent,
    @Arg('resourceId', () => ID, { description: 'The booked object or location.' }) _resourceId: string,
    @Arg('since', () => String, { nullable: true, description: 'Resume after this cursor (from a previous payload).' }) _since?: string | null,
  ): OccupancyChangeType {
    const booking = recordOf<BookingType>(event, 'booking');
    return { ...changeOf(event), resourceId: booking.resourceId, booking };
  }
}
