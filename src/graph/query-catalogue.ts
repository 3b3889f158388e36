import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { quoteIdentifier } from './cypher-identifier';

/** A Cypher statement ready to run, named for logs and metrics. */
export interface CypherQuery {
  readonly name: string;
  readonly text: string;
}

/** Placeholders a query file may hold where a label or type goes, e.g. `:__TYPE__`. */
const PLACEHOLDER = /__([A-Z][A-Z0-9_]*?)__/g;

/** The folder holding every `.cypher` file of the product. */
export const CYPHER_DIR = join(__dirname, '..', '..', 'cypher');

/**
 * Every named query of the product, loaded once from `cypher/`. A query is named by its
 * path without extension (`entity/get-by-id`). Files under `schema/` hold DDL and are
 * split into statements by `statements()`.
 */
export class QueryCatalogue {
  private readonly texts = new Map<string, string>();
  private readonly rendered = new Map<string, CypherQuery>();

  constructor(private readonly dir: string = CYPHER_DIR) {
    for (const file of walk(dir)) {
      const name = relative(dir, file).split(sep).join('/').replace(/\.cypher$/, '');
      this.texts.set(name, readFileSync(file, 'utf8'));
    }
  }

  /** All query names, sorted. */
  names(): string[] {
    return [...this.texts.keys()].sort();
  }

  /**
   * The query called `name`, which must have no placeholders.
   * @throws Error when no such file exists (services resolve their queries when they are
   *   constructed, so a missing file stops the server at start-up, not at request time).
   */
  get(name: string): CypherQuery {
    return this.render(name, {});
  }

  /**
   * The query `name` with each `__KEY__` placeholder replaced by the quoted identifier
   * `identifiers[KEY]`. Identifiers must match the identifier pattern (see cypher-identifier).
   */
  render(name: string, identifiers: Readonly<Record<string, string>>): CypherQuery {
    const cacheKey = `${name}\u0000${JSON.stringify(identifiers)}`;
    const hit = this.rendered.get(cacheKey);
    if (hit) return hit;
    const text = this.texts.get(name);
    if (text === undefined) throw new Error(`No Cypher file for query "${name}" in ${this.dir}`);
    const out = text.replace(PLACEHOLDER, (_m, key: string) => {
      const value = identifiers[key];
      if (value === undefined) throw new Error(`Query "${name}" needs identifier ${key}`);
      return quoteIdentifier(value);
    });
    const query = { name, text: out };
    this.rendered.set(cacheKey, query);
    return query;
  }

  /** The statements of a DDL file (split on `;` at line ends), each a query named `file#n`. */
  statements(name: string): CypherQuery[] {
    const text = this.texts.get(name);
    if (text === undefined) throw new Error(`No Cypher file for "${name}" in ${this.dir}`);
    return text
      .split(/;\s*$/m)
      .map((s) => s.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n').trim())
      .filter((s) => s.length > 0)
      .map((s, i) => ({ name: `${name}#${i + 1}`, text: s }));
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.cypher')) yield path;
  }
}
