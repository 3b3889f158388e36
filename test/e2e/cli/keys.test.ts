/**
 * `xrm keys create|list|revoke` (issues 6 and 7): the real CLI on a `file:` Grafeo database,
 * and a real server on that database accepting (then refusing) the key it created.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runXrm } from '../../support/run-xrm';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopTestServer } from '../../support/test-server';

const dir = mkdtempSync(join(tmpdir(), 'xrm-keys-'));
const graphUrl = `file:${join(dir, 'db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `xrm <args>` on the test database. */
const xrm = (args: string[]) => runXrm(args, graphUrl);

/** Whether a real server on the database accepts `key` for an admin-only query. */
async function serverAccepts(key: string): Promise<{ withKey: number; withoutKey: number; data: unknown }> {
  const app = await startTestServer({ graphUrl, env: { API_KEYS_ENABLED: 'true' } });
  try {
    const withKey = await postGraphQL(app.url, '{ apiKeys { id name role } }', undefined, { authorization: `Bearer ${key}` });
    const withoutKey = await postGraphQL(app.url, '{ apiKeys { id } }');
    return { withKey: withKey.status, withoutKey: withoutKey.status, data: withKey.data };
  } finally {
    await stopTestServer(app);
  }
}

describe('xrm keys', () => {
  it('creates a key shown once, lists it without its secret, authenticates with it on a real server, and revokes it', async () => {
    const empty = await xrm(['keys', 'list']);
    expect(empty.stderr).toBe('');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No API keys');

    const created = await xrm(['keys', 'create', 'ops laptop', '--role', 'admin']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const key = /\b(xrmk_\S+)/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    expect(created.stdout).toContain('cannot be shown again');

    const listed = await xrm(['keys', 'list', '--json']);
    expect(listed.code).toBe(0);
    const records = JSON.parse(listed.stdout) as { id: string; name: string; role: string; createdBy: string; lastUsedAt: string | null; revokedAt: string | null }[];
    expect(records).toEqual([expect.objectContaining({ name: 'ops laptop', role: 'admin', createdBy: expect.stringMatching(/^cli/), lastUsedAt: null, revokedAt: null })]);
    expect(listed.stdout).not.toContain(key!.slice(-20));
    expect(listed.stdout).not.toContain('hash');
    const id = records[0]!.id;

    const accepted = await serverAccepts(key!);
    expect(accepted).toEqual({ withKey: 200, withoutKey: 401, data: { apiKeys: [{ id, name: 'ops laptop', role: 'ADMIN' }] } });

    const table = await xrm(['keys', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ID\s+NAME\s+ROLE\s+CREATED\s+LAST USED\s+REVOKED/);
    expect(table.stdout).toContain(id);
    expect(table.stdout).toMatch(/ops laptop\s+admin\s+\S+\s+\d{4}-\d\d-\d\dT/); // last used: the server recorded the use

    const revoked = await xrm(['keys', 'revoke', id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked API key ${id}`);
    const again = await xrm(['keys', 'revoke', id, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ id, revokedAt: expect.any(String) });

    const refused = await serverAccepts(key!);
    expect(refused.withKey).toBe(401);
  }, 240_000);

  it('refuses bad input with exit code 2 and a clear message, changing nothing', async () => {
    // Option errors end before the database is opened; the other two open it, so they run one after the other.
    const [noRole, badRole] = await Promise.all([xrm(['keys', 'create', 'x']), xrm(['keys', 'create', 'x', '--role', 'root'])]);
    const blank = await xrm(['keys', 'create', '   ', '--role', 'viewer']);
    const unknown = await xrm(['keys', 'revoke', 'no-such-key']);
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toContain("required option '-r, --role <role>' not specified");
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Allowed choices are viewer, analyst, editor, admin');
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('An API key name has 1 to 100 characters');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"no-such-key" does not exist');
    for (const run of [noRole, badRole, blank, unknown]) expect(run.stderr).not.toMatch(/\n\s+at /);
    // Nothing was created by the refused commands.
    const listed = await xrm(['keys', 'list', '--json']);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((k) => k.name)).toEqual(['ops laptop']);
  }, 240_000);
});
