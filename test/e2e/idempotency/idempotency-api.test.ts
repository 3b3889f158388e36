import type { App } from '../../../src/app';
import { DomainEventType, type DomainEvent } from '../../../src/events/domain-event';
import { BookDocument, CreateEntityDocument, ListBookingsDocument, ListEntitiesDocument, RelateDocument } from '../../generated/graphql';
import { postGraphQL, type GraphQLResponse } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

const run = `idem${Date.now().toString(36)}`;

let app: App;
const events: DomainEvent[] = [];

beforeAll(async () => {
  app = await startTestServer();
  app.services.events.subscribe((event) => events.push(event));
});
afterAll(stopAllTestServers);

/** Events published so far of the type, after the bus has delivered. */
async function eventsOf(type: DomainEventType): Promise<DomainEvent[]> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return events.filter((e) => e.type === type);
}

async function entityCount(name: string): Promise<number> {
  const res = await postGraphQL(app.url, ListEntitiesDocument, { filter: { nameContains: name }, first: 0 });
  expect(res.errors).toBeUndefined();
  return res.data!.entities.totalCount;
}

async function create(kind: string, name: string, idempotencyKey?: string, properties?: Record<string, unknown>): Promise<GraphQLResponse<{ createEntity: { id: string } }>> {
  return postGraphQL(app.url, CreateEntityDocument, { input: { kind, name, properties, idempotencyKey } });
}

function expectConflict(res: GraphQLResponse<unknown>, existingId: string): void {
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', existingId });
  expect(res.data).toBeNull();
}

describe('idempotency keys of createEntity, relate and book over HTTP', () => {
  it('createEntity: a retry with the key returns the first entity, writes nothing and emits no second event', async () => {
    const name = `${run} Ann`;
    const first = await create('Person', name, `${run}-e1`);
    expect(first.errors).toBeUndefined();
    const id = first.data!.createEntity.id;
    const again = await create('Person', name, `${run}-e1`);
    expect(again.errors).toBeUndefined();
    expect(again.data!.createEntity).toEqual(first.data!.createEntity);
    expect(await entityCount(name)).toBe(1);
    expect((await eventsOf(DomainEventType.ENTITY_CREATED)).filter((e) => e.subjectIds.includes(id))).toHaveLength(1);

    // Same key, different content: refused, nothing written.
    expectConflict(await create('Person', `${run} Someone else`, `${run}-e1`), id);
    expect(await entityCount(`${run} Someone else`)).toBe(0);
    // Without a key every request creates.
    await create('Person', `${run} Twin`);
    await create('Person', `${run} Twin`);
    expect(await entityCount(`${run} Twin`)).toBe(2);
  });

  it('refuses an empty or over-long key with BAD_USER_INPUT', async () => {
    for (const key of ['', 'k'.repeat(201)]) {
      const res = await create('Person', `${run} Bad key`, key);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    }
    expect(await entityCount(`${run} Bad key`)).toBe(0);
  });

  it('relate: a retry with the key returns the first relationship and emits one event', async () => {
    const a = (await create('Person', `${run} Rel A`)).data!.createEntity.id;
    const b = (await create('Person', `${run} Rel B`)).data!.createEntity.id;
    const input = { type: 'KNOWS', fromId: a, toId: b, strength: 0.5, idempotencyKey: `${run}-r1` };
    const first = await postGraphQL(app.url, RelateDocument, { input });
    expect(first.errors).toBeUndefined();
    const again = await postGraphQL(app.url, RelateDocument, { input });
    expect(again.errors).toBeUndefined();
    expect(again.data!.relate).toEqual(first.data!.relate);
    const created = (await eventsOf(DomainEventType.RELATIONSHIP_CREATED)).filter((e) => e.subjectIds.includes(first.data!.relate.id));
    expect(created).toHaveLength(1);
    expectConflict(await postGraphQL(app.url, RelateDocument, { input: { ...input, strength: 0.9 } }), first.data!.relate.id);
  });

  it('book: a retry with the key returns the first booking instead of conflicting with it', async () => {
    const ann = (await create('Person', `${run} Booker`)).data!.createEntity.id;
    const room = (await create('Room', `${run} Room`, undefined, { capacity: 1 })).data!.createEntity.id;
    const input = { resourceId: room, bookerId: ann, start: '2026-09-01T09:00:00Z', end: '2026-09-01T10:00:00Z', idempotencyKey: `${run}-b1` };
    const first = await postGraphQL(app.url, BookDocument, { input });
    expect(first.errors).toBeUndefined();
    const again = await postGraphQL(app.url, BookDocument, { input });
    expect(again.errors).toBeUndefined();
    expect(again.data!.book).toEqual(first.data!.book);
    const list = await postGraphQL(app.url, ListBookingsDocument, { resourceId: room, includeCancelled: true, first: 0 });
    expect(list.data!.bookings.totalCount).toBe(1);
    expect((await eventsOf(DomainEventType.BOOKING_MADE)).filter((e) => e.subjectIds.includes(first.data!.book.id))).toHaveLength(1);
    expectConflict(await postGraphQL(app.url, BookDocument, { input: { ...input, end: '2026-09-01T11:00:00Z' } }), first.data!.book.id);
  });
});
