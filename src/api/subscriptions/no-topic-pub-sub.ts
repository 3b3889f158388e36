import type { PubSub } from 'type-graphql';

/**
 * type-graphql refuses to build subscriptions without a `pubSub`, even when every
 * subscription brings its own `subscribe` (ours read the EventFeed). This one is never
 * used: a `topics`-based subscription would fail loudly at subscribe time.
 */
export const noTopicPubSub: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('Topic subscriptions are not used: give @Subscription a `subscribe` function that reads services.events');
  },
};
