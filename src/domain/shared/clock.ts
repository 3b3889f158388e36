/** The current instant as an ISO-8601 UTC string, the form every engine query accepts. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Normalises an instant given by a client to ISO-8601 UTC, or returns undefined when it is
 * not a date-time with a time zone (callers turn that into a BadUserInputError).
 */
export function normaliseInstant(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
