import type { EventPredicate, EventSubscription } from '../../events/event-subscription';
import type { ApiContext } from '../context';

/** The event subscription each subscription's context opened (one per context: each operation gets its own). */
const opened = new WeakMap<object, EventSubscription>();

/**
 * What a subscription resolver's `subscribe` returns: the feed's events after `since`
 * (stored, then live) that match `predicate`. Also remembers the subscription for the
 * operation's context, so that the shared subscribe (shared-execution.ts) can find it
 * behind the wrappers graphql and the security layer put around the stream, and drive it
 * in push mode for the WebSocket fan-out.
 * @throws CursorNotResumableError when `since` cannot be resumed (see EventFeed.open).
 */
export async function openEventStream(context: ApiContext, since: string | null, predicate: EventPredicate): Promise<EventSubscription> {
  const subscription = await context.services.events.open(since, predicate);
  opened.set(context, subscription);
  return subscription;
}

/** Takes (and forgets) the event subscription opened for `context`, if any. */
export function takeEventStream(context: object): EventSubscription | undefined {
  const subscription = opened.get(context);
  opened.delete(context);
  return subscription;
}
