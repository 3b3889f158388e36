import type { DocumentNode } from 'graphql';
import type { ApiContext } from '../context';

/** The operation a client asks to subscribe to, as the authorization rules see it. */
export interface SubscriptionOperation {
  document: DocumentNode;
  operationName: string | null;
  /** The subscription fields requested at the root, e.g. ['touchpointRecorded']. */
  rootFields: string[];
  variables: Readonly<Record<string, unknown>>;
}

/**
 * Decides whether `context.actor` may open `operation`; throws a ForbiddenError (or
 * UnauthenticatedError) to refuse, which the client receives as the operation's error
 * message with its code. Called once per subscription on every transport (graphql-ws,
 * SSE) before any event is read.
 *
 * The seam for the security work: the rules come later; today everyone may subscribe.
 */
export type SubscriptionAuthorizer = (context: ApiContext, operation: SubscriptionOperation) => void | Promise<void>;

/** Default: allow every subscription. */
export const authorizeSubscription: SubscriptionAuthorizer = () => undefined;
