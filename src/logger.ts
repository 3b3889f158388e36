import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; `level` comes from LOG_LEVEL. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'xrm-graph' }, timestamp: pino.stdTimeFunctions.isoTime });
}
