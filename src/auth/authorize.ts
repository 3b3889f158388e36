import { ForbiddenError, UnauthenticatedError } from '../domain/errors';
import { requiredRole, type OperationKind } from './operation-roles';
import { isExpired, type Principal } from './principal';
import { hasRole } from './role';

/**
 * Checks that `principal` may run the root field `field` of an operation of `kind`.
 * @throws UnauthenticatedError when the credential has expired since it was checked;
 *   ForbiddenError naming the role needed.
 */
export function authorizeRootField(principal: Principal, kind: OperationKind, field: string): void {
  if (isExpired(principal)) throw new UnauthenticatedError('The token has expired', { reason: 'expired' });
  const needed = requiredRole(kind, field);
  if (!hasRole(principal.role, needed)) {
    throw new ForbiddenError(`"${field}" needs the ${needed} role; you have ${principal.role}`, { requiredRole: needed, role: principal.role });
  }
}

/**
 * The authorizer for subscriptions on every transport, compatible with
 * `SubscriptionAuthorizer` (src/api/subscriptions/authorize-subscription.ts): call it
 * once per subscription before any event is read.
 */
export function authorizeSubscription(context: { principal: Principal }, operation: { rootFields: readonly string[] }): void {
  for (const field of operation.rootFields) {
    if (field.startsWith('__')) continue;
    authorizeRootField(context.principal, 'subscription', field);
  }
}
