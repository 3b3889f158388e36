import { ApiKeyService } from '../../../src/auth';
import { BadUserInputError, NotFoundError } from '../../../src/domain/errors';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';

const catalogue = new QueryCatalogue();
const engine = new GrafeoEngine(null);
let now = new Date('2026-03-01T10:00:00.000Z');
const keys = new ApiKeyService(engine, catalogue, () => now);

beforeAll(() => engine.applySchema(catalogue.statements('schema/grafeo')));
afterAll(() => engine.close());

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('API keys in the graph (Grafeo)', () => {
  it('creates a key whose secret is returned once and stored only as a hash', async () => {
    const { key, apiKey } = await keys.create({ name: '  CI pipeline ', role: 'editor' }, 'jwt:root');
    expect(apiKey).toEqual({ id: expect.any(String), name: 'CI pipeline', role: 'editor', createdAt: '2026-03-01T10:00:00Z', createdBy: 'jwt:root', lastUsedAt: null, revokedAt: null });
    const [stored] = await engine.read<{ apiKey: Record<string, unknown> }>(catalogue.get('auth/get-api-key'), { id: apiKey.id });
    expect(stored!.apiKey.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key.slice(-43));
  });

  it('verifies a key into a principal, records its use at most once a minute, and refuses it once revoked', async () => {
    const { key, apiKey } = await keys.create({ name: 'reader', role: 'viewer' }, 'jwt:root');
    await expect(keys.verify(key)).resolves.toEqual({ id: `api-key:${apiKey.id}`, role: 'viewer', source: 'api-key', expiresAt: null });
    await settle();
    const firstUse = (await keys.list()).find((k) => k.id === apiKey.id)!.lastUsedAt;
    expect(firstUse).toBe('2026-03-01T10:00:00Z');
    now = new Date('2026-03-01T10:00:30.000Z');
    await keys.verify(key);
    await settle();
    expect((await keys.list()).find((k) => k.id === apiKey.id)!.lastUsedAt).toBe(firstUse);
    now = new Date('2026-03-01T10:02:00.000Z');
    await keys.verify(key);
    await settle();
    expect((await keys.list()).find((k) => k.id === apiKey.id)!.lastUsedAt).toBe('2026-03-01T10:02:00Z');

    const revoked = await keys.revoke(apiKey.id);
    expect(revoked.revokedAt).toBe('2026-03-01T10:02:00Z');
    now = new Date('2026-03-01T11:00:00.000Z');
    expect((await keys.revoke(apiKey.id)).revokedAt).toBe('2026-03-01T10:02:00Z');
    await expect(keys.verify(key)).resolves.toBeUndefined();
  });

  it('refuses a wrong secret for a real id, and malformed keys, without telling them apart', async () => {
    const { key } = await keys.create({ name: 'x', role: 'admin' }, 'jwt:root');
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    await expect(keys.verify(tampered)).resolves.toBeUndefined();
    await expect(keys.verify('xrmk_nope')).resolves.toBeUndefined();
  });

  it('lists keys newest first', async () => {
    const a = await keys.create({ name: 'older', role: 'viewer' }, 'jwt:root');
    const b = await keys.create({ name: 'newer', role: 'viewer' }, 'jwt:root');
    const ids = (await keys.list()).map((k) => k.id);
    expect(ids.indexOf(b.apiKey.id)).toBeLessThan(ids.indexOf(a.apiKey.id));
  });

  it('refuses blank names, unknown roles and unknown ids', async () => {
    await expect(keys.create({ name: ' ', role: 'viewer' }, 'a')).rejects.toBeInstanceOf(BadUserInputError);
    await expect(keys.create({ name: 'x', role: 'root' }, 'a')).rejects.toMatchObject({ details: { field: 'role' } });
    await expect(keys.revoke('missing')).rejects.toBeInstanceOf(NotFoundError);
  });
});
