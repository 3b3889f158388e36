/**
 * The Neo4j engine's use of the driver, with the driver's factory replaced by a recording
 * fake (the real server contract runs in test/integration/graph/neo4j.engine.test.ts).
 */
import neo4j, { Neo4jError } from 'neo4j-driver';
import { GraphEngineError, GraphUnavailableError, WriteConflictError } from '../../../src/graph/graph.errors';
import { Neo4jEngine, type Neo4jTarget } from '../../../src/graph/neo4j/neo4j.engine';

const target: Neo4jTarget = { engine: 'neo4j', url: 'bolt://db:7687', user: 'xrm', password: 'pw', database: 'crm' };
const query = { name: 'entity/list', text: 'MATCH (n:Entity) RETURN n {.id} AS entity SKIP $skip LIMIT $limit' };

interface Call {
  session: { database?: string; defaultAccessMode?: string };
  method: 'executeRead' | 'executeWrite' | 'run';
  config: unknown;
  statements: Array<{ text: string; params: Record<string, unknown> }>;
  closed: boolean;
}

/** A driver whose transactions answer with `rows`, or fail on their first statement with `failWith`. */
function fakeDriver(behaviour: { rows?: Array<Record<string, unknown>>; failWith?: Error }) {
  const calls: Call[] = [];
  const driver = {
    closed: 0,
    close: async () => {
      driver.closed += 1;
    },
    session: (config: Call['session']) => {
      const call: Partial<Call> = { session: config, statements: [], closed: false };
      const tx = {
        run: async (text: string, params: Record<string, unknown>) => {
          call.statements?.push({ text, params });
          if (behaviour.failWith) throw behaviour.failWith;
          return { records: (behaviour.rows ?? []).map((row) => ({ toObject: () => row })) };
        },
      };
      const managed = (method: Call['method']) => async (work: (t: typeof tx) => Promise<unknown>, txConfig: unknown) => {
        Object.assign(call, { method, config: txConfig });
        calls.push(call as Call);
        return work(tx); // as the driver does once its retries are spent: the work's error comes out as is
      };
      return {
        executeRead: managed('executeRead'),
        executeWrite: managed('executeWrite'),
        run: async (text: string, params: Record<string, unknown>, txConfig: unknown) => {
          Object.assign(call, { method: 'run', config: txConfig, statements: [{ text, params }] });
          calls.push(call as Call);
        },
        close: async () => {
          call.closed = true;
        },
      };
    },
  };
  return { driver, calls };
}

async function connectWith(behaviour: Parameters<typeof fakeDriver>[0]) {
  const fake = fakeDriver(behaviour);
  const factory = jest.spyOn(neo4j, 'driver').mockReturnValue(fake.driver as never);
  const engine = await Neo4jEngine.connect(target, { transactionTimeoutMs: 7_000 });
  factory.mockRestore();
  fake.calls.length = 0; // forget the ping of connect()
  return { engine, ...fake };
}

afterEach(() => jest.restoreAllMocks());

describe('Neo4jEngine with a fake driver', () => {
  test('runs a read in a managed read transaction on the configured database, tagged and timed, and closes the session', async () => {
    const { engine, calls } = await connectWith({ rows: [{ entity: { id: 'a', version: neo4j.int(3) } }] });

    const rows = await engine.read(query, { skip: 0, limit: 10 });

    expect(rows).toEqual([{ entity: { id: 'a', version: 3 } }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'executeRead',
      session: { database: 'crm', defaultAccessMode: neo4j.session.READ },
      config: { timeout: 7_000, metadata: { operation: 'entity/list' } },
      closed: true,
    });
  });

  test('sends integer parameters as neo4j Integers so LIMIT and SKIP are accepted', async () => {
    const { engine, calls } = await connectWith({ rows: [] });

    await engine.read(query, { skip: 20, limit: 10 });

    const params = calls[0]?.statements[0]?.params ?? {};
    expect(neo4j.isInt(params.skip)).toBe(true);
    expect(neo4j.isInt(params.limit)).toBe(true);
  });

  test('runs a named transaction as a managed write transaction tagged with its operation', async () => {
    const { engine, calls } = await connectWith({ rows: [{ total: neo4j.int(2) }] });

    const total = await engine.transaction('WRITE', 'entity.create', async (tx) => (await tx.run(query))[0]?.total);

    expect(total).toBe(2);
    expect(calls[0]).toMatchObject({
      method: 'executeWrite',
      session: { defaultAccessMode: neo4j.session.WRITE },
      config: { metadata: { operation: 'entity.create' } },
      closed: true,
    });
  });

  test('rethrows the error of the transaction work unchanged and still closes the session', async () => {
    const { engine, calls } = await connectWith({ rows: [] });
    const failure = new Error('business rule broken');

    const outcome = engine.transaction('WRITE', 'entity.update', async () => {
      throw failure;
    });

    await expect(outcome).rejects.toBe(failure);
    expect(calls[0]?.closed).toBe(true);
  });

  test('hands a retryable driver error to the driver as it is, so it retries, and reports it as WriteConflictError once retries are spent', async () => {
    const deadlock = new Neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', '50N42', 'x');
    const { engine } = await connectWith({ failWith: deadlock });
    let seenByWork: unknown;

    const outcome = engine.transaction('WRITE', 'entity.update', async (tx) => {
      try {
        await tx.run(query);
      } catch (error) {
        seenByWork = error;
        throw error;
      }
    });

    await expect(outcome).rejects.toBeInstanceOf(WriteConflictError);
    await expect(outcome).rejects.toMatchObject({ queryName: 'entity/list' });
    expect(seenByWork).toBe(deadlock);
  });

  test('gives the transaction work a GraphEngineError naming the query for a non-retryable driver error', async () => {
    const syntax = new Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', '42001', 'x');
    const { engine } = await connectWith({ failWith: syntax });
    let seenByWork: unknown;

    const outcome = engine.transaction('READ', 'entity.list', async (tx) => {
      try {
        await tx.run(query);
      } catch (error) {
        seenByWork = error;
        throw error;
      }
    });

    const rejection: unknown = await outcome.catch((error: unknown) => error);
    expect(rejection).toBe(seenByWork);
    expect(seenByWork).toBeInstanceOf(GraphEngineError);
    expect(seenByWork).toMatchObject({ queryName: 'entity/list', engineCode: 'Neo.ClientError.Statement.SyntaxError' });
  });

  test('refuses a raw node in a result with a GraphEngineError naming the query', async () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity'], { id: 'a' }, '4:x:1');
    const { engine } = await connectWith({ rows: [{ entity: node }] });

    await expect(engine.read(query)).rejects.toThrow(/"entity\/list" returned a raw node/);
  });

  test('closes the driver once however often it is closed, and then refuses work with GraphUnavailableError', async () => {
    const { engine, driver } = await connectWith({ rows: [] });

    await Promise.all([engine.close(), engine.close()]);
    await engine.close();

    expect(driver.closed).toBe(1);
    await expect(engine.read(query)).rejects.toBeInstanceOf(GraphUnavailableError);
    await expect(engine.ping()).rejects.toBeInstanceOf(GraphUnavailableError);
  });
});
