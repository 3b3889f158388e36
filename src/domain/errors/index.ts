export { ErrorCode } from './error-code';
export { DomainError } from './domain.error';
export { BadUserInputError } from './bad-user-input.error';
export { NotFoundError } from './not-found.error';
export { ConflictError } from './conflict.error';
export { ForbiddenError } from './forbidden.error';
export { UnauthenticatedError } from './unauthenticated.error';
export { RateLimitedError } from './rate-limited.error';
