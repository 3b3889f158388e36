/**
 * Reliability (issue 6): kill -9 the real server, running as a child process on the
 * persistent embedded engine, while bulk imports are in flight. After a restart every
 * batch is fully present or fully absent, and every batch the server had acknowledged
 * is present.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..', '..');
const BATCH = 50;
const dir = mkdtempSync(join(tmpdir(), 'xrm-crash-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `src/main.ts` in a child process; resolves with its GraphQL URL once it serves. */
async function startChild(): Promise<{ child: ChildProcess; url: string }> {
  // `--import tsx` runs the server in this very process (the tsx CLI would fork a grandchild that SIGKILL misses).
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, GRAPH_URL: `file:${join(dir, 'xrm')}`, HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string; msg?: string };
        if (entry.url && entry.msg?.startsWith('xrm-graph serving GraphQL')) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, url };
}

const post = async (url: string, query: string, variables?: Record<string, unknown>) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
};

const IMPORT = 'mutation ($rows: [EntityImportRowInput!]!) { importEntities(source: "crash", rows: $rows, strict: true) { created } }';
const rowsOf = (batch: number) => Array.from({ length: BATCH }, (_, i) => ({ externalId: `b${batch}-${i}`, kind: 'Person', name: `Crash b${batch} r${i}` }));

describe('kill -9 during bulk writes on the persistent embedded engine', () => {
  it('leaves every batch fully present or absent, and keeps every acknowledged batch', async () => {
    const first = await startChild();
    const sent: number[] = [];
    const acknowledged: number[] = [];
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const batch = next++;
        sent.push(batch);
        try {
          const res = await post(first.url, IMPORT, { rows: rowsOf(batch) });
          if (!killed && (res.data?.importEntities as { created: number } | undefined)?.created === BATCH) acknowledged.push(batch);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const writers = [writer(), writer(), writer()];
    // Let a few batches commit, then kill while others are in flight.
    while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 20));
    const acknowledgedBeforeKill = [...acknowledged];
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.all(writers);
    await new Promise<void>((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve() : first.child.once('exit', () => resolve())));

    const second = await startChild();
    const counts = new Map<number, number>();
    for (const batch of sent) {
      const res = await post(second.url, `query ($p: String!) { entities(filter: { nameStartsWith: $p }) { totalCount } }`, { p: `Crash b${batch} ` });
      counts.set(batch, (res.data?.entities as { totalCount: number }).totalCount);
    }
    expect(sent.length).toBeGreaterThan(acknowledgedBeforeKill.length); // some batches were in flight
    const partial = [...counts].filter(([, n]) => n !== 0 && n !== BATCH);
    expect(partial).toEqual([]);
    for (const batch of acknowledgedBeforeKill) expect([batch, counts.get(batch)]).toEqual([batch, BATCH]);
    const total = await post(second.url, `{ entities(filter: { nameStartsWith: "Crash b" }) { totalCount } }`);
    expect((total.data?.entities as { totalCount: number }).totalCount).toBe([...counts.values()].reduce((a, b) => a + b, 0));
    second.child.kill('SIGTERM');
  }, 120_000);
});
