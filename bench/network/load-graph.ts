import { join } from 'node:path';
import { DomainEventType } from '../../src/events/domain-event';
import { RecordedWrites } from '../../src/events/recorded-writes';
import type { GraphEngine } from '../../src/graph/graph-engine.port';
import { QueryCatalogue, type CypherQuery } from '../../src/graph/query-catalogue';
import type { GeneratedGraph } from './generate-graph';

/** The bench's own Cypher (bulk loading and a baseline), outside the product catalogue. */
export const benchQueries = new QueryCatalogue(join(__dirname, 'cypher'));
const BATCH = 5000;

/** Node `i` of a generated graph loaded with `prefix`. */
export const nodeId = (prefix: string, i: number): string => `${prefix}-n${i}`;
/** Edge `i` of a generated graph loaded with `prefix` (a relationship id: source id, dot, suffix). */
export const edgeId = (prefix: string, graph: GeneratedGraph, i: number): string => `${nodeId(prefix, graph.edges[i]?.from ?? -1)}.e${i}`;

/**
 * Loads a generated graph as Person entities related by `type` (default KNOWS), in batches
 * of 5000, bypassing the services (no metamodel checks) for speed. Each batch logs one
 * IMPORT_BATCH_COMMITTED event, as the product's imports do: every write to entities and
 * relationships must log an event, or views kept in memory (the topology index, the entity
 * cache) would not learn of it.
 */
export async function loadGraph(
  engine: GraphEngine,
  graph: GeneratedGraph,
  prefix: string,
  type = 'KNOWS',
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const now = new Date().toISOString();
  const writes = new RecordedWrites(engine, new QueryCatalogue(), { publish: () => undefined });
  const write = (query: CypherQuery, batch: { id: string }[], records: 'ENTITIES' | 'RELATIONSHIPS') =>
    writes.run('bench.load', 'bench', async (tx, emit) => {
      await tx.run(query, { rows: batch, now });
      emit({
        type: DomainEventType.IMPORT_BATCH_COMMITTED,
        subjectIds: batch.slice(0, 1000).map((row) => row.id),
        payload: { records, created: batch.length, updated: 0, unchanged: 0, rejected: 0, subjectIdsTruncated: batch.length > 1000 },
      });
    });
  const total = graph.nodeCount + graph.edges.length;
  const people = Array.from({ length: graph.nodeCount }, (_, i) => ({ id: nodeId(prefix, i), name: `${prefix} person ${i}` }));
  for (let i = 0; i < people.length; i += BATCH) {
    await write(benchQueries.get('create-people'), people.slice(i, i + BATCH), 'ENTITIES');
    onProgress?.(Math.min(i + BATCH, people.length), total);
  }
  const rows = graph.edges.map((e, i) => ({ id: edgeId(prefix, graph, i), fromId: nodeId(prefix, e.from), toId: nodeId(prefix, e.to), strength: e.strength }));
  const create = benchQueries.render('create-relationships', { TYPE: type });
  for (let i = 0; i < rows.length; i += BATCH) {
    await write(create, rows.slice(i, i + BATCH), 'RELATIONSHIPS');
    onProgress?.(graph.nodeCount + Math.min(i + BATCH, rows.length), total);
  }
}
