/** Identity and permissions: roles, principals, JWTs, API keys, and the authorization rules. */
export { ROLES, hasRole, parseRole, type Role } from './role';
export { OPEN_PRINCIPAL, isExpired, type Principal, type PrincipalSource } from './principal';
export { createJwtVerifier, type JwtOptions, type JwtVerifier } from './jwt-verifier';
export { ApiKeyService, type ApiKeyRecord, type CreatedApiKey } from './api-key.service';
export { Authenticator, type Credentials } from './authenticator';
export { requiredRole, type OperationKind } from './operation-roles';
export { authorizeRootField, authorizeSubscription } from './authorize';
