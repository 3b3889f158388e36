/** API key changes are domain events (issue 6): recorded in the change's transaction with the actor, never with the secret or hash. */
import { ApiKeyService } from '../../../src/auth';
import { NotFoundError } from '../../../src/domain/errors';
import { DomainEventType, type DomainEvent } from '../../../src/events/domain-event';
import { EventLog } from '../../../src/events/event-log';
import { InProcessEventBus } from '../../../src/events/in-process-event-bus';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { recordedWrites } from '../../support/recorded-writes';

const catalogue = new QueryCatalogue();
const engine = new GrafeoEngine(null);
const bus = new InProcessEventBus();
const log = new EventLog(engine, catalogue);
const keys = new ApiKeyService(engine, catalogue, undefined, undefined, recordedWrites(engine, catalogue, bus));
const published: DomainEvent[] = [];
bus.subscribe((event) => published.push(event));

beforeAll(async () => {
  await engine.applySchema(catalogue.statements('schema/grafeo'));
  await log.ensure();
});
afterAll(() => engine.close());

/** Every event in the durable log. */
async function logged(): Promise<DomainEvent[]> {
  const state = await log.state();
  return log.page(0, state.lastSeq, 1_000);
}

describe('API key events', () => {
  it('records API_KEY_CREATED with the actor, the key id, name and role — not the secret or its hash', async () => {
    const { key, apiKey } = await keys.create({ name: 'ci', role: 'editor' }, 'jwt:ops-lead');
    const event = (await logged()).find((e) => e.type === DomainEventType.API_KEY_CREATED && e.subjectIds[0] === apiKey.id);
    expect(event).toMatchObject({ actor: 'jwt:ops-lead', subjectIds: [apiKey.id], payload: { id: apiKey.id, name: 'ci', role: 'editor', createdBy: 'jwt:ops-lead' } });
    expect(published.some((e) => e.id === event!.id)).toBe(true);

    const [stored] = await engine.read<{ apiKey: Record<string, unknown> }>(catalogue.get('auth/get-api-key'), { id: apiKey.id });
    const hash = String(stored!.apiKey.hash);
    const everything = JSON.stringify([...(await logged()), ...published]);
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(key.slice(-20));
    expect(everything).not.toContain(hash);
    expect(everything).not.toContain('"hash"');
  });

  it('records API_KEY_REVOKED with the revoking actor once; revoking again records nothing', async () => {
    const { apiKey } = await keys.create({ name: 'temporary', role: 'viewer' }, 'jwt:ops-lead');
    await keys.revoke(apiKey.id, 'cli:alice');
    await keys.revoke(apiKey.id, 'cli:bob');
    const revocations = (await logged()).filter((e) => e.type === DomainEventType.API_KEY_REVOKED && e.subjectIds[0] === apiKey.id);
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ actor: 'cli:alice', payload: { id: apiKey.id, name: 'temporary', role: 'viewer', revokedAt: expect.any(String) } });
  });

  it('records nothing and changes nothing for an unknown id', async () => {
    const before = (await log.state()).lastSeq;
    await expect(keys.revoke('no-such-key', 'cli:alice')).rejects.toBeInstanceOf(NotFoundError);
    expect((await log.state()).lastSeq).toBe(before);
  });

  it('records nothing for a refused creation', async () => {
    const before = (await log.state()).lastSeq;
    await expect(keys.create({ name: ' ', role: 'viewer' }, 'jwt:ops-lead')).rejects.toThrow(/1 to 100 characters/);
    expect((await log.state()).lastSeq).toBe(before);
  });
});
