/**
 * The one door through which a label or relationship type enters Cypher text. Neither
 * engine accepts them as parameters, so names registered in the metamodel are checked
 * against a strict pattern and backticked here; nothing else splices text into a query.
 */
export const IDENTIFIER_PATTERN = /^[A-Z][A-Za-z0-9_]{0,63}$/;

/** Whether `name` may be used as a kind, category or relationship type name. */
export function isCypherIdentifier(name: string): boolean {
  return IDENTIFIER_PATTERN.test(name);
}

/**
 * Returns the backticked identifier.
 * @throws Error when the name does not match IDENTIFIER_PATTERN (a programming error:
 *   callers validate user input against the metamodel first).
 */
export function quoteIdentifier(name: string): string {
  if (!isCypherIdentifier(name)) {
    throw new Error(`Refusing to place "${name}" in Cypher text: not a registered identifier`);
  }
  return `\`${name}\``;
}
