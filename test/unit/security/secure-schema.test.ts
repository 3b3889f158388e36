import { buildSchema, createSourceEventStream, graphql, parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { secureSchema } from '../../../src/api/security/secure-schema';
import type { Principal, Role } from '../../../src/auth';

const sdl = `
  type Touchpoint { id: ID! summary: String subject: String! }
  type Query { touchpoint: Touchpoint slow: String entities: String neighbourhood: String }
  type Mutation { createEntity: String defineEntityKind: String }
  type Subscription { entityChanged: String pushed: String }
`;

const principal = (role: Role, expiresAt: number | null = null): Principal => ({ id: `jwt:${role}`, role, source: 'jwt', expiresAt });

function build(options: { timeoutMs?: number; onCount?: (d: 1 | -1) => void } = {}): GraphQLSchema {
  const schema = buildSchema(sdl);
  const fields = (name: string) => (schema.getType(name) as unknown as { getFields(): Record<string, { resolve?: unknown; subscribe?: unknown }> }).getFields();
  fields('Query').touchpoint!.resolve = () => ({ id: '1', summary: 'words', subject: 'subject' });
  fields('Query').slow!.resolve = () => new Promise((r) => setTimeout(() => r('late'), 200));
  fields('Query').entities!.resolve = () => 'ok';
  fields('Query').neighbourhood!.resolve = () => 'ok';
  fields('Mutation').createEntity!.resolve = () => 'created';
  fields('Mutation').defineEntityKind!.resolve = () => 'defined';
  fields('Subscription').entityChanged!.subscribe = async function* () {
    yield { entityChanged: 'a' };
    yield { entityChanged: 'b' };
  };
  // A stream with a push mode, as EventSubscription has (src/events/event-subscription.ts).
  fields('Subscription').pushed!.subscribe = () => {
    const stream = {
      [Symbol.asyncIterator]: () => stream,
      next: () => Promise.resolve({ done: true as const, value: undefined }),
      return: () => Promise.resolve({ done: true as const, value: undefined }),
      consume: (sink: { next(item: unknown): unknown; end(error?: Error): void }) => {
        sink.next({ pushed: 'x' });
        sink.end();
      },
    };
    return stream;
  };
  return secureSchema(schema, {
    fieldRules: { countsOnlyRoles: ['viewer'], countsOnlyFields: ['Touchpoint.summary', 'Touchpoint.subject', 'Nope.field'] },
    queryTimeoutMs: options.timeoutMs ?? 0,
    onSubscriptionCount: options.onCount,
  });
}

const run = (schema: GraphQLSchema, source: string, who: Principal) => graphql({ schema, source, contextValue: { principal: who } });
const codes = (result: ExecutionResult) => result.errors?.map((e) => (e.originalError as { code?: string; extensions?: { code?: string } } | undefined)?.code ?? e.originalError?.message);

describe('the secured schema', () => {
  const schema = build();

  it('checks the role of every root field', async () => {
    expect((await run(schema, '{ entities }', principal('viewer'))).data).toEqual({ entities: 'ok' });
    expect(codes(await run(schema, '{ neighbourhood }', principal('viewer')))).toEqual(['FORBIDDEN']);
    expect((await run(schema, '{ neighbourhood }', principal('analyst'))).data).toEqual({ neighbourhood: 'ok' });
    expect(codes(await run(schema, 'mutation { createEntity }', principal('analyst')))).toEqual(['FORBIDDEN']);
    expect((await run(schema, 'mutation { createEntity }', principal('editor'))).data).toEqual({ createEntity: 'created' });
    expect(codes(await run(schema, 'mutation { defineEntityKind }', principal('editor')))).toEqual(['FORBIDDEN']);
  });

  it('refuses a principal whose token expired since it was checked', async () => {
    expect(codes(await run(schema, '{ entities }', principal('admin', Date.now() - 1)))).toEqual(['UNAUTHENTICATED']);
  });

  it('hides counts-only fields: null when nullable, FORBIDDEN when not', async () => {
    const asViewer = await run(schema, '{ touchpoint { id summary } }', principal('viewer'));
    expect(asViewer.data).toEqual({ touchpoint: { id: '1', summary: null } });
    const nonNull = await run(schema, '{ touchpoint { subject } }', principal('viewer'));
    expect(codes(nonNull)).toEqual(['FORBIDDEN']);
    expect((await run(schema, '{ touchpoint { summary subject } }', principal('analyst'))).data).toEqual({ touchpoint: { summary: 'words', subject: 'subject' } });
  });

  it('stops a query that runs past the timeout', async () => {
    const timed = build({ timeoutMs: 50 });
    const result = await run(timed, '{ slow }', principal('viewer'));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TIMEOUT', timeoutMs: 50 });
    expect((await run(timed, '{ entities }', principal('viewer'))).data).toEqual({ entities: 'ok' });
  });

  it('stops a query past the timeout also when its context is frozen', async () => {
    const timed = build({ timeoutMs: 50 });
    const result = await graphql({ schema: timed, source: '{ slow entities }', contextValue: Object.freeze({ principal: principal('viewer') }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TIMEOUT', timeoutMs: 50 });
    expect(result.data).toEqual({ slow: null, entities: 'ok' });
  });

  it('checks subscriptions on subscribe and counts them while open', async () => {
    const counts: number[] = [];
    const counted = build({ onCount: (d) => counts.push(d) });
    const refused = await subscribe({ schema: counted, document: parse('subscription { entityChanged }'), contextValue: { principal: principal('viewer', Date.now() - 1) } });
    expect('errors' in refused && refused.errors?.[0]?.originalError).toMatchObject({ code: 'UNAUTHENTICATED' });
    const stream = (await subscribe({ schema: counted, document: parse('subscription { entityChanged }'), contextValue: { principal: principal('viewer') } })) as AsyncIterableIterator<ExecutionResult>;
    expect((await stream.next()).value).toEqual({ data: { entityChanged: 'a' } });
    expect(counts).toEqual([1]);
    await stream.return?.();
    expect(counts).toEqual([1, -1]);
  });

  it('passes a stream\'s push mode through the subscription count, counting its end once', async () => {
    const counts: number[] = [];
    const counted = build({ onCount: (d) => counts.push(d) });
    const source = (await createSourceEventStream({ schema: counted, document: parse('subscription { pushed }'), contextValue: { principal: principal('viewer') } })) as {
      consume?: (sink: { next(item: unknown): unknown; end(error?: Error): void }) => void;
      return?: () => Promise<unknown>;
    };
    expect(typeof source.consume).toBe('function');
    const got: unknown[] = [];
    let ended = 0;
    source.consume?.({ next: (item) => got.push(item), end: () => (ended += 1) });
    expect(got).toEqual([{ pushed: 'x' }]);
    expect(ended).toBe(1);
    await source.return?.();
    expect(counts).toEqual([1, -1]);
  });
});
