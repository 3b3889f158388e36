import type { GraphTarget } from '../config/config';
import { GrafeoEngine } from './grafeo/grafeo.engine';
import type { GraphEngine } from './graph-engine.port';
import { Neo4jEngine } from './neo4j/neo4j.engine';
import type { QueryCatalogue } from './query-catalogue';

/**
 * Opens the engine `target` names and applies its schema file
 * (`cypher/schema/<kind>.cypher`, idempotent statements) from `catalogue`.
 * @throws GraphUnavailableError when the engine cannot be opened or reached;
 *   GraphEngineError when a schema statement fails (the engine is closed then).
 */
export async function openGraph(target: GraphTarget, catalogue: QueryCatalogue): Promise<GraphEngine> {
  const engine = await createEngine(target);
  try {
    await engine.applySchema(catalogue.statements(`schema/${engine.kind}`));
  } catch (error) {
    await engine.close().catch(() => undefined);
    throw error;
  }
  return engine;
}

async function createEngine(target: GraphTarget): Promise<GraphEngine> {
  switch (target.engine) {
    case 'grafeo':
      return new GrafeoEngine(target.path);
    case 'neo4j':
      return Neo4jEngine.connect(target);
    default:
      return unreachable(target);
  }
}

/**
 * The target rendered for logs, never with a password (neither the configured one nor
 * one embedded in the URL): `grafeo (in memory)`, `grafeo at ./data/xrm`,
 * `neo4j at bolt://db:7687 as user "neo4j", default database`.
 */
export function describeTarget(target: GraphTarget): string {
  switch (target.engine) {
    case 'grafeo':
      return target.path === null ? 'grafeo (in memory)' : `grafeo at ${target.path}`;
    case 'neo4j': {
      const database = target.database === undefined ? 'default database' : `database "${target.database}"`;
      return `neo4j at ${redactUrl(target.url)} as user "${target.user}", ${database}`;
    }
    default:
      return unreachable(target);
  }
}

/** Replaces the password in `scheme://user:password@host` with `***`. */
function redactUrl(url: string): string {
  return url.replace(/^([a-z0-9+.-]+:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

function unreachable(value: never): never {
  throw new Error(`Unknown graph target ${JSON.stringify(value)}`);
}
