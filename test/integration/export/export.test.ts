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

function records(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
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
let demoTouchpoints = 0;
beforeAll(async () => {
  source = await openHarness();
  const demo = await new DemoService(source.services.imports, source.services.touchpoints, source.services.bookings).load('small', 11, {
    actor: 'test:export',
  });
  expect(demo.touchpoints).toBeGreaterThan(0);
  expect(demo.bookings).toBeGreaterThan(0);
  // One booking cancelled, so a cancelled booking (cancelledAt, cancelReason) makes the round trip too.
  let bookingId: string | undefined;
  for await (const batch of source.services.exports.records()) if ('bookings' in batch) bookingId ??= batch.bookings[0]?.id;
  await source.services.bookings.cancel(bookingId!, 'test: plans changed', null, 'test:export');
  demoTouchpoints = demo.touchpoints;
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
      // Touchpoints (with their links) and bookings made the trip, timestamps and versions included.
      const tagged = (path: string, tag: string) => records(path).filter((r) => r.record === tag);
      expect(tagged(after, 'touchpoint')).toEqual(tagged(before, 'touchpoint'));
      expect(tagged(after, 'booking')).toEqual(tagged(before, 'booking'));
      expect(tagged(before, 'touchpoint').length).toBe(demoTouchpoints);
      expect(tagged(before, 'booking').some((b) => b.cancelledAt !== null)).toBe(true);
      expect(tagged(before, 'touchpoint').some((t) => (t.participants as unknown[]).length > 0 && t.locationId !== null)).toBe(true);

      // A second import of the same file changes nothing.
      const again = await runImport([first], target.services.imports, target.services.metamodel, { actor: 'test:round-trip' });
      expect(again.totals.created + again.totals.updated + again.totals.rejected).toBe(0);
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
    const ndjson = records(await exportTo(source, 'ndjson', 'for-graphml.ndjson'));
    const touchpoints = ndjson.filter((r) => r.record === 'touchpoint');
    const bookings = ndjson.filter((r) => r.record === 'booking');
    const links = touchpoints.reduce(
      (n, t) => n + (t.participants as unknown[]).length + (t.objectIds as unknown[]).length + (t.locationId === null ? 0 : 1),
      0,
    );
    expect(xml.match(/<node /g)).toHaveLength(entities + touchpoints.length + bookings.length);
    expect(xml.match(/<edge /g)).toHaveLength(relationships + links + 2 * bookings.length);
    expect(xml).toContain('<data key="n_labels">:Touchpoint</data>');
    expect(xml).toContain('<data key="e_type">INVOLVES</data>');
    expect(xml).toContain('<data key="e_type">RESERVES</data>');
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
    const touchpoints = readFileSync(join(dir, 'csv-touchpoints.csv'), 'utf8').trim().split('\n');
    const bookings = readFileSync(join(dir, 'csv-bookings.csv'), 'utf8').trim().split('\n');
    expect(touchpoints[0]).toBe('id,occurredAt,channel,direction,summary,sentiment,participants,objectIds,locationId,version,createdAt,updatedAt,properties');
    expect(touchpoints).toHaveLength(1 + demoTouchpoints);
    expect(bookings[0]).toMatch(/^id,resourceId,bookerId,start,end,status,purpose,cancelledAt,/);
    expect(bookings.length).toBeGreaterThan(1);
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
