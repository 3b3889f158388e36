/** One JSON log line per GraphQL request over HTTP (api-security.ts), and the response's cache header. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { startApp, type App } from '../../../src/app';
import { loadConfig } from '../../../src/config/config';
import { postGraphQL } from '../../support/graphql-client';

const lines: Record<string, unknown>[] = [];
let app: App;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', GRAPH_URL: 'memory:' });
  app = await startApp(config, { logger: pino({ level: 'info' }, sink) });
});
afterAll(() => app.close());

const requestLines = () => lines.filter((l) => l.msg === 'graphql request');

describe('the request log', () => {
  it('writes one line per request with its id, principal, operation, outcome and status', async () => {
    const before = requestLines().length;
    await postGraphQL(app.url, 'query Info { serverInfo { version } }', undefined, { 'x-request-marker': '1' });
    const mine = requestLines().slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 30, principal: 'anonymous', operationName: 'Info', operation: 'query:serverInfo', outcome: 'ok', status: 200 });
    expect(mine[0]!.requestId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(typeof mine[0]!.durationMs).toBe('number');
  });

  it('names no operation for a document that does not parse, and records the error code', async () => {
    const before = requestLines().length;
    await postGraphQL(app.url, '{ serverInfo {');
    const [line] = requestLines().slice(before);
    expect(line).toMatchObject({ outcome: 'refused', status: 400, errorCodes: ['GRAPHQL_PARSE_FAILED'] });
    expect(line).not.toHaveProperty('operation');
    expect(line).not.toHaveProperty('operationName');
  });

  it('writes no request lines above the configured level', async () => {
    const written: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString('utf8'));
        callback();
      },
    });
    const quiet = await startApp(loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', GRAPH_URL: 'memory:' }), { logger: pino({ level: 'warn' }, sink) });
    try {
      const answer = await postGraphQL(quiet.url, '{ serverInfo { version } }');
      expect(answer.status).toBe(200);
      expect(written.filter((text) => text.includes('graphql request'))).toEqual([]);
    } finally {
      await quiet.close();
    }
  });
});

describe('GraphQL responses', () => {
  it('tell caches not to store them', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ serverInfo { version } }' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
