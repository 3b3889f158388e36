import WebSocket from 'ws';
import type { App } from '../../../src/app';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

// Servers start and stop in these tests: allow for a loaded machine.
jest.setTimeout(30_000);

let app: App;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => stopAllTestServers());

const SUBSCRIBE = (id: string) => JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { entityChanged { cursor } }' } });

/** Opens a raw graphql-transport-ws socket; resolves with the close code and reason. */
function open(): { ws: WebSocket; closed: Promise<{ code: number; reason: string }>; opened: Promise<void>; messages: unknown[] } {
  const ws = new WebSocket(app.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: unknown[] = [];
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
  return {
    ws,
    messages,
    opened: new Promise((resolve) => ws.once('open', () => resolve())),
    closed: new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))),
  };
}

describe('graphql-ws protocol misuse', () => {
  it('closes with 4408 when no connection_init arrives in time', async () => {
    const { closed } = open();
    await expect(closed).resolves.toMatchObject({ code: 4408, reason: 'Connection initialisation timeout' });
  }, 10_000);

  it('closes with 4401 when a subscribe comes before the connection is acknowledged', async () => {
    const { ws, opened, closed } = open();
    await opened;
    ws.send(SUBSCRIBE('1'));
    await expect(closed).resolves.toMatchObject({ code: 4401, reason: 'Unauthorized' });
  });

  it('closes with 4409 when an operation id is used twice', async () => {
    const { ws, opened, closed, messages } = open();
    await opened;
    ws.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => ws.once('message', resolve));
    expect(messages[0]).toEqual({ type: 'connection_ack' });
    ws.send(SUBSCRIBE('dup'));
    ws.send(SUBSCRIBE('dup'));
    await expect(closed).resolves.toMatchObject({ code: 4409, reason: 'Subscriber for dup already exists' });
  });

  it('closes with 4400 on a message that is not part of the protocol', async () => {
    const { ws, opened, closed } = open();
    await opened;
    ws.send('{"type":"nonsense"}');
    await expect(closed).resolves.toMatchObject({ code: 4400 });
  });
});
