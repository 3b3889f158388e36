import Redis from 'ioredis';
import { describeTarget } from '../../graph/open-graph';
import { VERSION } from '../../app';
import { cliConfig, graphUnavailable, openServices } from '../cli-context';
import { CliError, ExitCode } from '../exit-codes';

/** One line of the doctor's report. */
interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * `xrm doctor`: checks the configuration, that the graph opens and answers, the schema and
 * metamodel state, and Redis when REDIS_URL is set. Prints one line per check.
 * @returns the exit code: OK when every check passed, else the first failing one's code.
 */
export async function doctor(out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const checks: Check[] = [];
  let code: number = ExitCode.OK;
  const print = (c: Check) => out.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(12)} ${c.detail}\n`);
  const add = (c: Check, failCode: number) => {
    checks.push(c);
    print(c);
    if (!c.ok && code === ExitCode.OK) code = failCode;
  };

  out.write(`xrm-graph ${VERSION}, Node ${process.version}\n`);
  let config;
  try {
    config = cliConfig();
    add({ name: 'config', ok: true, detail: `graph: ${describeTarget(config.graph)}; redis: ${config.redisUrl === undefined ? 'not set (in-process events)' : 'set'}` }, ExitCode.USAGE);
  } catch (error) {
    add({ name: 'config', ok: false, detail: (error as Error).message }, ExitCode.USAGE);
    return code;
  }

  try {
    const ctx = await openServices(config);
    try {
      const started = Date.now();
      await ctx.engine.ping();
      add({ name: 'graph', ok: true, detail: `${ctx.engine.kind} answers (${Date.now() - started} ms)` }, ExitCode.GRAPH_UNAVAILABLE);
      const statements = ctx.catalogue.statements(`schema/${ctx.engine.kind}`);
      add({ name: 'schema', ok: true, detail: `${statements.length} idempotent statements of cypher/schema/${ctx.engine.kind}.cypher applied` }, ExitCode.FAILURE);
      const kinds = await ctx.services.metamodel.listKinds();
      const types = await ctx.services.metamodel.listRelationshipTypes();
      add(
        { name: 'metamodel', ok: kinds.length > 0, detail: `${kinds.length} kinds, ${types.length} relationship types` },
        ExitCode.FAILURE,
      );
    } finally {
      await ctx.close();
    }
  } catch (error) {
    const mapped = graphUnavailable(error, config);
    add({ name: 'graph', ok: false, detail: mapped.message }, mapped instanceof CliError ? mapped.exitCode : ExitCode.FAILURE);
  }

  if (config.redisUrl !== undefined) {
    const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      const pong = await redis.ping();
      add({ name: 'redis', ok: pong === 'PONG', detail: `PING → ${pong}` }, ExitCode.FAILURE);
    } catch (error) {
      add({ name: 'redis', ok: false, detail: `cannot reach Redis: ${(error as Error).message}` }, ExitCode.FAILURE);
    } finally {
      redis.disconnect();
    }
  }
  return code;
}
