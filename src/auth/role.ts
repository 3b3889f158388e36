/** The roles, weakest first: each includes every permission of the ones before it. */
export const ROLES = ['viewer', 'analyst', 'editor', 'admin'] as const;

/**
 * - `viewer`: reads records, relationships and touchpoints;
 * - `analyst`: viewer + traversals and analytics;
 * - `editor`: analyst + writes;
 * - `admin`: editor + the metamodel and API keys.
 */
export type Role = (typeof ROLES)[number];

/** Whether `role` includes the permissions of `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** `value` as a Role, or undefined when it names none (case-insensitive). */
export function parseRole(value: unknown): Role | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return (ROLES as readonly string[]).includes(lower) ? (lower as Role) : undefined;
}

/** The strongest role among `values` (strings naming roles; others are ignored), or undefined. */
export function strongestRole(values: readonly unknown[]): Role | undefined {
  let best: Role | undefined;
  for (const value of values) {
    const role = parseRole(value);
    if (role && (best === undefined || hasRole(role, best))) best = role;
  }
  return best;
}
