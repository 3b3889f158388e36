/**
 * The contract of the GraphEngine port, run against every engine. Each test owns its data
 * (ids under a prefix unique to the run and the test); the suite deletes only that data.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { GraphEngine } from '../../../src/graph/graph-engine.port';
import { GraphEngineError, GraphUnavailableError } from '../../../src/graph/graph.errors';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';

/** The contract's own queries, one file each. */
export const CONTRACT_CYPHER_DIR = join(__dirname, '..', '..', 'fixtures', 'cypher', 'contract');

interface Item {
  id: string;
  name: string;
  count: number;
  score: number;
  active: boolean;
  tags: string[];
  at: string;
}

/**
 * Registers the contract tests for the engine `open` creates. `open` is called once for
 * the shared engine (in beforeAll) and again by the tests that close their own engine.
 */
export function describeEngineContract(label: string, open: () => Promise<GraphEngine>): void {
  describe(`${label} engine contract`, () => {
    const queries = new QueryCatalogue(CONTRACT_CYPHER_DIR);
    const product = new QueryCatalogue();
    const runPrefix = `contract-${randomUUID()}-`;
    let engine: GraphEngine;
    let testNo = 0;
    /** An id prefix no other test (in this run or any other) uses. */
    const ownPrefix = () => `${runPrefix}${++testNo}-`;

    const createItem = (item: Item) => engine.write(queries.get('item-create'), { ...item });

    beforeAll(async () => {
      engine = await open();
      await engine.applySchema(queries.statements('schema/contract'));
    }, 60_000);

    afterAll(async () => {
      if (engine === undefined) return;
      await engine.write(queries.get('delete-by-prefix'), { prefix: runPrefix });
      await engine.close();
    });

    test('writes a record and reads back its map projection with strings, integers, floats, booleans and string lists', async () => {
      const id = `${ownPrefix()}item`;
      const written: Item = {
        id,
        name: 'Messe Süd — Halle 3',
        count: 42,
        score: 0.75,
        active: true,
        tags: ['exhibitor', 'vip'],
        at: '2026-03-01T09:30:00Z',
      };
      await createItem(written);

      const rows = await engine.read<{ item: Item }>(queries.get('item-get'), { id });

      expect(rows).toEqual([{ item: written }]);
      expect(typeof rows[0]?.item.count).toBe('number');
      expect(Number.isInteger(rows[0]?.item.count)).toBe(true);
    });

    test('accepts integer parameters in SKIP and LIMIT and pages in order', async () => {
      const prefix = ownPrefix();
      for (const n of [1, 2, 3, 4, 5]) {
        await createItem(item(`${prefix}${n}`, '2026-01-01T00:00:00Z'));
      }

      const page = await engine.read<{ id: string }>(queries.get('item-page'), { prefix, skip: 1, limit: 2 });

      expect(page.map((r) => r.id)).toEqual([`${prefix}2`, `${prefix}3`]);
    });

    test('returns counts as JavaScript numbers', async () => {
      const prefix = ownPrefix();
      await createItem(item(`${prefix}a`, '2026-01-01T00:00:00Z'));
      await createItem(item(`${prefix}b`, '2026-01-01T00:00:00Z'));

      const [row] = await engine.read<{ total: unknown }>(queries.get('item-count'), { prefix });

      expect(row?.total).toBe(2);
      const [none] = await engine.read<{ total: unknown }>(queries.get('item-count'), { prefix: `${prefix}nothing-` });
      expect(none?.total).toBe(0);
    });

    test('returns datetimes given as ISO strings as ISO strings and compares and orders them as instants', async () => {
      const prefix = ownPrefix();
      // 10:30+01:00 is 09:30Z: as instants it comes first, as text it would not.
      await createItem(item(`${prefix}ten`, '2026-01-01T10:00:00Z'));
      await createItem(item(`${prefix}half-past-nine`, '2026-01-01T10:30:00+01:00'));
      await createItem(item(`${prefix}noon`, '2026-01-01T12:00:00Z'));
      await createItem(item(`${prefix}millis`, '2026-01-01T11:00:00.250Z'));

      const rows = await engine.read<{ id: string; at: string }>(queries.get('item-between'), {
        prefix,
        from: '2026-01-01T09:00:00Z',
        to: '2026-01-01T12:00:00Z',
      });

      expect(rows).toEqual([
        { id: `${prefix}half-past-nine`, at: '2026-01-01T10:30:00+01:00' },
        { id: `${prefix}ten`, at: '2026-01-01T10:00:00Z' },
        { id: `${prefix}millis`, at: '2026-01-01T11:00:00.25Z' },
      ]);
    });

    test('rolls back everything and rethrows the very same error when the transaction work throws', async () => {
      const prefix = ownPrefix();
      const failure = new Error('work failed after writing');

      const outcome = engine.transaction('WRITE', 'contract.rollback', async (tx) => {
        await tx.run(queries.get('item-create'), { ...item(`${prefix}doomed`, '2026-01-01T00:00:00Z') });
        throw failure;
      });

      await expect(outcome).rejects.toBe(failure);
      expect(await countWithPrefix(prefix)).toBe(0);
    });

    test('rolls back earlier statements when a later statement of the transaction fails', async () => {
      const prefix = ownPrefix();

      const outcome = engine.transaction('WRITE', 'contract.failing-statement', async (tx) => {
        await tx.run(queries.get('item-create'), { ...item(`${prefix}doomed`, '2026-01-01T00:00:00Z') });
        await tx.run(queries.get('divide'), { numerator: 1, denominator: 0 });
      });

      await expect(outcome).rejects.toBeInstanceOf(GraphEngineError);
      expect(await countWithPrefix(prefix)).toBe(0);
    });

    test('lets a multi-statement transaction see its own writes and commits them together', async () => {
      const prefix = ownPrefix();

      const seenInside = await engine.transaction('WRITE', 'contract.multi-statement', async (tx) => {
        await tx.run(queries.get('item-create'), { ...item(`${prefix}1`, '2026-01-01T00:00:00Z') });
        await tx.run(queries.get('item-create'), { ...item(`${prefix}2`, '2026-01-01T00:00:00Z') });
        const [row] = await tx.run<{ total: number }>(queries.get('item-count'), { prefix });
        return row?.total;
      });

      expect(seenInside).toBe(2);
      expect(await countWithPrefix(prefix)).toBe(2);
    });

    test('serialises 20 concurrent read-then-write transactions on one counter so none of the increments is lost', async () => {
      const id = `${ownPrefix()}counter`;
      await engine.write(queries.get('counter-create'), { id });

      const increment = () =>
        engine.transaction('WRITE', 'contract.increment', async (tx) => {
          const [row] = await tx.run<{ value: number }>(queries.get('counter-read-for-update'), { id, token: randomUUID() });
          await tx.run(queries.get('counter-set'), { id, value: (row?.value ?? 0) + 1 });
        });
      await Promise.all(Array.from({ length: 20 }, increment));

      expect(await engine.read(queries.get('counter-get'), { id })).toEqual([{ value: 20 }]);
    }, 60_000);

    test('applies idempotent schema statements twice without error', async () => {
      await engine.applySchema(queries.statements('schema/contract'));
      await engine.applySchema(queries.statements('schema/contract'));
    });

    test("applies the product's schema file for this engine twice without error", async () => {
      const statements = product.statements(`schema/${engine.kind}`);
      await engine.applySchema(statements);
      await engine.applySchema(statements);
    });

    test('turns a failing query into a GraphEngineError that names the query', async () => {
      const outcome = engine.read(queries.get('divide'), { numerator: 1, denominator: 0 });

      await expect(outcome).rejects.toBeInstanceOf(GraphEngineError);
      await expect(outcome).rejects.toMatchObject({ queryName: 'divide', message: expect.stringContaining('"divide"') });
    });

    test('resolves a ping', async () => {
      await expect(engine.ping()).resolves.toBeUndefined();
    });

    test('closes twice without error and then refuses work with GraphUnavailableError', async () => {
      const own = await open();
      await own.close();
      await own.close();

      // Started inside a promise so an engine that throws synchronously is judged the same.
      const afterClose = Promise.resolve().then(() => own.read(queries.get('item-count'), { prefix: 'none' }));
      await expect(afterClose).rejects.toBeInstanceOf(GraphUnavailableError);
    }, 60_000);

    async function countWithPrefix(prefix: string): Promise<unknown> {
      const [row] = await engine.read<{ total: unknown }>(queries.get('item-count'), { prefix });
      return row?.total;
    }
  });
}

function item(id: string, at: string): Item {
  return { id, name: id, count: 1, score: 0.5, active: false, tags: [], at };
}
