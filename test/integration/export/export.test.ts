import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoService } from '../../../src/domain/demo/demo.service';
import { writeExport, type ExportFormat } from '../../../src/domain/export/export-writers';
import type { ExportScope } from '../../../src/domain/export/export.service';
import { runImport } from '../../../src/domain/import/import-runner';
import { closeAllHarnesses, openHarness, type ImportHarness } from '../import/import-harness';

const dir = mkdtempSync(join(tmpdir(), 'xrm-export-'));
afterAll(async () => {
  await closeAllHarnesses();
  rmSync(dir, { recursive: true, force: true });
});

async function exportTo(h: ImportHarness, format: ExportFormat, name: string, scope: ExportScope = {}): Promise<string> {
  const path = join(dir, name);
  await writeExport(format, h.services.exports, h.services.metamodel, scope, {
    open: (file) => createWriteStream(file === 'main' ? path : join(dir, `${name}-${file}`)),
  });
  return path;
}

/** The graph as comparable lines: records without timestamps, sorted. */
function canonical(ndjsonPath: string): string[] {
  return readFileSync(ndjsonPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(rest);
    })
    .sort();
}

let source: ImportHarness;
beforeAll(async () => {
  source = await openHarness();
  await new DemoService(source.services.imports, undefined, undefined).load('small', 11, { actor: 'test:export' });
});

describe('export', () => {
  test.each(['ndjson', 'json'] as const)(
    'a round trip through %s into an empty database reproduces the same graph, ids included',
    async (format) => {
      const first = await exportTo(source, format, `round-trip.${format}`);
      const target = await openHarness();
      const result = await runImport([first], target.services.imports, target.services.metamodel, { actor: 'test:round-trip' });
      expect(result.totals.rejected).toBe(0);
      expect(await target.counts()).toEqual(await source.counts());
      const before = await exportTo(source, 'ndjson', `before-${format}.ndjson`);
      const after = await exportTo(target, 'ndjson', `after-${format}.ndjson`);
      expect(canonical(after)).toEqual(canonical(before));
      await target.close();
    },
    60_000,
  );

  test('writes GraphML with a key for labels and for every property, and one node and edge per record', async () => {
    const path = await exportTo(source, 'graphml', 'graph.graphml');
    const xml = readFileSync(path, 'utf8');
    const counts = await source.counts();
    const entities = Object.values(counts.kinds).reduce((a, b) => a + b, 0);
    const relationships = Object.values(counts.types).reduce((a, b) => a + b, 0);
    expect(xml).toContain('<key id="n_label" for="node" attr.name="label" attr.type="string"/>');
    expect(xml).toContain('<key id="n_labels" for="node" attr.name="labels" attr.type="string"/>');
    expect(xml).toContain('attr.name="capacity" attr.type="long"');
    expect(xml.match(/<node /g)).toHaveLength(entities);
    expect(xml.match(/<edge /g)).toHaveLength(relationships);
    expect(xml).toContain('<data key="n_labels">:Entity:');
    expect(xml.trim().endsWith('</graphml>')).toBe(true);
  });

  test('writes CSV files with a header and one line per record', async () => {
    await exportTo(source, 'csv', 'csv');
    const entities = readFileSync(join(dir, 'csv-entities.csv'), 'utf8').trim().split('\n');
    const relationships = readFileSync(join(dir, 'csv-relationships.csv'), 'utf8').trim().split('\n');
    const counts = await source.counts();
    expect(entities[0]).toMatch(/^id,kind,category,name,source,externalId,/);
    expect(entities).toHaveLength(1 + Object.values(counts.kinds).reduce((a, b) => a + b, 0));
    expect(relationships).toHaveLength(1 + Object.values(counts.types).reduce((a, b) => a + b, 0));
  });

  test('exports only the kinds and types asked for', async () => {
    const path = await exportTo(source, 'ndjson', 'scoped.ndjson', { kinds: ['Person', 'Organization'], types: ['WORKS_AT'] });
    const records = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const entities = records.filter((r) => r.record === 'entity');
    const relationships = records.filter((r) => r.record === 'relationship');
    expect(new Set(entities.map((e) => e.kind))).toEqual(new Set(['Person', 'Organization']));
    expect(new Set(relationships.map((r) => r.type))).toEqual(new Set(['WORKS_AT']));
    expect(relationships.length).toBe((await source.counts()).types.WORKS_AT);
  });

  test('exports the neighbourhood of an entity to a depth', async () => {
    const page = await source.services.entities.list({ kinds: ['Building'] }, null, { first: 1 });
    const hall = page.items[0]!;
    const path = await exportTo(source, 'ndjson', 'around.ndjson', { around: { id: hall.id, depth: 1 } });
    const records = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const relationships = records.filter((r) => r.record === 'relationship');
    const ids = new Set(records.filter((r) => r.record === 'entity').map((e) => e.id));
    expect(ids.has(hall.id)).toBe(true);
    expect(ids.size).toBeGreaterThan(1);
    // every exported relationship stays inside the neighbourhood, and every neighbour touches the hall or another neighbour
    for (const r of relationships) expect(ids.has(r.fromId) && ids.has(r.toId)).toBe(true);
    expect(relationships.some((r) => r.fromId === hall.id || r.toId === hall.id)).toBe(true);
  });

  test('refuses an unknown kind before writing anything', async () => {
    await expect(exportTo(source, 'json', 'bad.json', { kinds: ['Unicorn'] })).rejects.toThrow('Unknown kind "Unicorn"');
  });
});
