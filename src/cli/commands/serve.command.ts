import { startApp } from '../../app';
import { createLogger } from '../../logger';
import { cliConfig, graphUnavailable } from '../cli-context';
import { CliError, ExitCode } from '../exit-codes';

/**
 * How much longer than SHUTDOWN_GRACE_MS (the drain of in-flight HTTP operations) a
 * shutdown may take, for closing the event feed and flushing the engine, before the
 * process exits anyway.
 */
const SHUTDOWN_FLUSH_MARGIN_MS = 5_000;

/**
 * `xrm serve` (and `npm start`): starts the GraphQL server with the configuration from the
 * environment and stops it gracefully on SIGTERM/SIGINT.
 * @throws CliError USAGE for invalid configuration, GRAPH_UNAVAILABLE when the graph cannot be opened.
 */
export async function serve(overrides: { port?: number; host?: string } = {}): Promise<void> {
  const env = { ...process.env };
  if (overrides.port !== undefined) env.PORT = String(overrides.port);
  if (overrides.host !== undefined) env.HOST = overrides.host;
  const config = cliConfig(env);
  const logger = createLogger(config.logLevel);
  let app;
  try {
    app = await startApp(config, { logger });
  } catch (error) {
    const mapped = graphUnavailable(error, config);
    logger.fatal({ err: error }, `xrm-graph could not start: ${mapped.message}`);
    throw mapped instanceof CliError ? mapped : new CliError(`xrm-graph could not start: ${mapped.message}`, ExitCode.FAILURE);
  }
  logger.info({ url: app.url, engine: app.engine.kind }, `xrm-graph serving GraphQL at ${app.url}`);

  const running = app;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: closing subscriptions (1001), ending SSE streams, draining requests');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(ExitCode.FAILURE);
    }, config.shutdownGraceMs + SHUTDOWN_FLUSH_MARGIN_MS);
    timer.unref();
    running
      .close()
      .then(() => process.exit(ExitCode.OK))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(ExitCode.FAILURE);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
