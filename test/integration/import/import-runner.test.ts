import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMapping } from '../../../src/domain/import/import-mapping';
import { runImport } from '../../../src/domain/import/import-runner';
import type { Rejection } from '../../../src/domain/import/import.model';
import { RowRejectedError } from '../../../src/domain/import/row-rejected.error';
import { closeAllHarnesses, openHarness, type ImportHarness } from './import-harness';

const dir = mkdtempSync(join(tmpdir(), 'xrm-runner-'));
const mapping = parseMapping({
  version: 1,
  source: 'crm',
  entities: [{ file: 'people.csv', key: 'id', kind: 'Person', name: 'name' }],
  relationships: [{ file: 'knows.csv', type: 'KNOWS', from: { column: 'a' }, to: { column: 'b' } }],
});

let h: ImportHarness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await closeAllHarnesses();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(people: string[], knows: string[]): string[] {
  const peoplePath = join(dir, 'people.csv');
  const knowsPath = join(dir, 'knows.csv');
  writeFileSync(peoplePath, ['id,name', ...people].join('\n'));
  writeFileSync(knowsPath, ['a,b', ...knows].join('\n'));
  return [knowsPath, peoplePath]; // entity files go first whatever the order given
}

/** Runs a strict import in batches of 3 and answers the line of the row it stopped at. */
async function strictImportFailsAt(people: string[], knows: string[]): Promise<number> {
  const error = await runImport(files(people, knows), h.services.imports, h.services.metamodel, {
    mapping,
    actor: 'test:runner',
    batchSize: 3,
    strict: true,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RowRejectedError);
  return (error as RowRejectedError).rejection.ref.line;
}

describe('runImport with a batch in flight while the next is read', () => {
  test('imports every batch in order, reports every rejection once, and a re-run changes nothing', async () => {
    const people = Array.from({ length: 23 }, (_, i) => `p${i},Person ${i}`);
    people.splice(7, 0, ',No key'); // line 9
    const knows = Array.from({ length: 22 }, (_, i) => `p${i},p${i + 1}`);
    knows.splice(12, 0, 'p1,ghost'); // line 14
    const paths = files(people, knows);
    const rejected: Rejection[] = [];
    const progress: number[] = [];
    const result = await runImport(paths, h.services.imports, h.services.metamodel, {
      mapping,
      actor: 'test:runner',
      batchSize: 4,
      onReject: (r) => rejected.push(r),
      onProgress: (p) => progress.push(p.rows),
    });
    expect(result.totals).toMatchObject({ rows: 47, created: 45, rejected: 2 });
    expect(rejected.map((r) => [r.ref.file, r.ref.line, r.reason])).toEqual([
      ['people.csv', 9, expect.stringContaining('missing key')],
      ['knows.csv', 14, 'dangling relationship: no entity with key crm/ghost (target end)'],
    ]);
    expect(await h.counts()).toEqual({ kinds: { Person: 23 }, types: { KNOWS: 22 } });
    expect(progress.length).toBeGreaterThan(10);

    const again = await runImport(paths, h.services.imports, h.services.metamodel, { mapping, actor: 'test:runner', batchSize: 4 });
    expect(again.totals).toMatchObject({ created: 0, updated: 0, unchanged: 45, rejected: 2 });
  });

  test('a strict import stops at the bad row: batches before it are committed, its own is not', async () => {
    const people = Array.from({ length: 10 }, (_, i) => `p${i},Person ${i}`);
    const knows = ['p0,p1', 'p1,p2', 'p2,p3', 'p3,p4', 'p4,p5', 'p5,ghost', 'p6,p7', 'p7,p8'];
    expect(await strictImportFailsAt(people, knows)).toBe(7);
    // batch 1 (lines 2–4) committed; batch 2 (lines 5–7) held the dangling row and was not written
    expect(await h.counts()).toEqual({ kinds: { Person: 10 }, types: { KNOWS: 3 } });
  });

  test('a strict import reports the first bad row in file order while later batches are already checked', async () => {
    const people = Array.from({ length: 10 }, (_, i) => `p${i},Person ${i}`);
    // line 6: dangling (found when batch 2 is written); line 8: no target (found before batch 3 is written)
    const knows = ['p0,p1', 'p1,p2', 'p2,p3', 'p3,p4', 'p4,ghost', 'p5,p6', 'p6,', 'p7,p8', 'p8,p9'];
    expect(await strictImportFailsAt(people, knows)).toBe(6);
    expect(await h.counts()).toEqual({ kinds: { Person: 10 }, types: { KNOWS: 3 } });
  });
});
