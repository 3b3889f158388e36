import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runXrm } from '../../support/run-xrm';
import { loadConfig } from '../../../src/config/config';
import type { GraphEngine } from '../../../src/graph/graph-engine.port';
import { openGraph } from '../../../src/graph/open-graph';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';

const dir = mkdtempSync(join(tmpdir(), 'xrm-cli-'));

const xrm = runXrm;

beforeAll(() => {
  writeFileSync(join(dir, 'people.csv'), 'id;first;last;title\n1;Ada;Lovelace;Countess\n2;Grace;Hopper;Admiral\n;No;Key;\n3;Alan;Turing;\n');
  writeFileSync(join(dir, 'knows.csv'), 'a;b\n1;2\n2;3\n1;99\n');
  writeFileSync(
    join(dir, 'mapping.yml'),
    [
      'source: test-crm',
      'entities:',
      '  - file: people.csv',
      '    key: id',
      '    kind: Person',
      "    nameTemplate: '{first} {last}'",
      '    properties: { givenName: first, familyName: last, jobTitle: title }',
      'relationships:',
      '  - file: knows.csv',
      '    type: KNOWS',
      '    from: { column: a }',
      '    to: { column: b }',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test spawns its own processes on its own database: they run concurrently to keep the suite short.
describe('xrm CLI', () => {
  test.concurrent('prints help naming every command and the exit codes', async () => {
    const run = await xrm(['--help'], 'memory:');
    expect(run.code).toBe(0);
    for (const command of ['serve', 'migrate', 'doctor', 'import', 'export', 'demo', 'keys']) expect(run.stdout).toContain(command);
    expect(run.stdout).toContain('Exit codes');
  }, 120_000);

  test.concurrent('ends with exit code 2 and a hint on an unknown option', async () => {
    const run = await xrm(['import', 'x.csv', '--nope'], 'memory:');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--nope'");
  }, 120_000);

  test.concurrent('imports CSV with a mapping, writes bad rows to the reject file with exit code 4, and changes nothing the second time', async () => {
    const graph = `file:${join(dir, 'db-import')}`;
    const rejects = join(dir, 'rejects.ndjson');
    const files = [join(dir, 'knows.csv'), join(dir, 'people.csv')];
    const first = await xrm(['import', ...files, '--mapping', join(dir, 'mapping.yml'), '--reject-file', rejects], graph);
    expect(first.stderr).not.toContain('Error');
    expect(first.code).toBe(4);
    expect(first.stdout).toContain('people.csv (entities): 4 rows → 3 created, 0 updated, 0 unchanged, 1 rejected');
    expect(first.stdout).toContain('knows.csv (relationships): 3 rows → 2 created, 0 updated, 0 unchanged, 1 rejected');
    const rejected = readFileSync(rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; line: number; reason: string });
    expect(rejected.map((r) => [r.file, r.line, r.reason])).toEqual([
      ['people.csv', 4, 'missing key (column "id")'],
      ['knows.csv', 4, 'dangling relationship: no entity with key test-crm/99 (target end)'],
    ]);

    const second = await xrm(['import', ...files, '--mapping', join(dir, 'mapping.yml')], graph);
    expect(second.stdout).toContain('people.csv (entities): 4 rows → 0 created, 0 updated, 3 unchanged, 1 rejected');

    const exported = join(dir, 'graph.graphml');
    const exportRun = await xrm(['export', '--format', 'graphml', '--out', exported], graph);
    expect(exportRun.code).toBe(0);
    expect(readFileSync(exported, 'utf8').match(/<node /g)).toHaveLength(3);
  }, 120_000);

  test.concurrent('a strict import stops at the first bad row with exit code 5', async () => {
    const run = await xrm(['import', join(dir, 'people.csv'), '--mapping', join(dir, 'mapping.yml'), '--strict'], `file:${join(dir, 'db-strict')}`);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('people.csv:4: missing key (column "id") (strict import aborted; this batch was not written)');
  }, 120_000);

  test.concurrent('says the embedded database is locked by a running server and exits with code 3', async () => {
    const path = join(dir, 'db-locked');
    const config = loadConfig({ GRAPH_URL: `file:${path}` });
    const holder: GraphEngine = await openGraph(config.graph, new QueryCatalogue());
    try {
      const run = await xrm(['import', join(dir, 'people.csv'), '--mapping', join(dir, 'mapping.yml')], `file:${path}`);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('locked');
      expect(run.stderr).toContain('Stop the server first');
      expect(run.stderr).toContain('importEntities');
    } finally {
      await holder.close();
    }
    expect(existsSync(path)).toBe(true);
  }, 120_000);

  test.concurrent('refuses an invalid mapping with exit code 2, listing the problems', async () => {
    writeFileSync(join(dir, 'bad.yml'), 'source: s\nentities:\n  - file: people.csv\n    kind: Person\n');
    const run = await xrm(['import', join(dir, 'people.csv'), '--mapping', join(dir, 'bad.yml')], 'memory:');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('entities.0.key');
  }, 120_000);
});
