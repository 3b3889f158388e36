import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseMapping } from '../../../src/domain/import/import-mapping';
import { runImport } from '../../../src/domain/import/import-runner';
import { skipLoudly } from '../../support/skip-loudly';
import { closeAllHarnesses, openHarness } from './import-harness';

/** The shared datasets folder sits beside the project (../shared from the project root). */
const PROJECT_ROOT = resolve(__dirname, '../../..');
const DATASET = resolve(PROJECT_ROOT, '../shared/datasets/ldbc-snb-sf0.1-social');

/** Data lines of a pipe-separated file, counted independently of the importer. */
function dataLines(file: string, where?: (fields: string[]) => boolean): number {
  const lines = readFileSync(join(DATASET, file), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '');
  return where ? lines.filter((l) => where(l.split('|'))).length : lines.length;
}

afterAll(closeAllHarnesses);

if (!existsSync(DATASET)) {
  skipLoudly(`LDBC SNB import test skipped: dataset not found at ${DATASET} (clone the project beside the shared folder)`);
} else {
  test('imports the LDBC SNB sample with every entity and relationship counted by kind and type as in the files, and a second import changes nothing', async () => {
    const h = await openHarness();
    const mapping = parseMapping(parse(readFileSync(join(PROJECT_ROOT, 'examples/ldbc-snb/mapping.yml'), 'utf8')));
    const files = readdirSync(DATASET).filter((f) => f.endsWith('.csv')).map((f) => join(DATASET, f));
    const rejected: string[] = [];
    const result = await runImport(files, h.services.imports, h.services.metamodel, {
      mapping,
      actor: 'test:ldbc',
      onReject: (r) => rejected.push(`${r.ref.file}:${r.ref.line} ${r.reason}`),
    });
    expect(rejected).toEqual([]);

    const label = (i: number, value: string) => (fields: string[]) => fields[i] === value;
    const expected = {
      kinds: {
        Person: dataLines('Person.csv'),
        Organization: dataLines('Organisation.csv', label(1, 'Company')),
        University: dataLines('Organisation.csv', label(1, 'University')),
        City: dataLines('Place.csv', label(3, 'City')),
        Country: dataLines('Place.csv', label(3, 'Country')),
        Continent: dataLines('Place.csv', label(3, 'Continent')),
      },
      types: {
        KNOWS: dataLines('Person_knows_Person.csv') + dataLines('Person_knows_Person_1.csv'),
        WORKS_AT: dataLines('Person_workAt_Organisation.csv'),
        STUDIED_AT: dataLines('Person_studyAt_Organisation.csv'),
        LIVES_IN: dataLines('Person_isLocatedIn_Place.csv'),
        BASED_IN: dataLines('Organisation_isLocatedIn_Place.csv'),
        WITHIN: dataLines('Place_isPartOf_Place.csv'),
      },
    };
    expect(await h.counts()).toEqual(expected);
    expect(result.totals.created).toBe(
      Object.values(expected.kinds).reduce((a, b) => a + b, 0) + Object.values(expected.types).reduce((a, b) => a + b, 0),
    );

    const again = await runImport(files, h.services.imports, h.services.metamodel, { mapping, actor: 'test:ldbc' });
    expect(again.totals).toMatchObject({ created: 0, updated: 0, rejected: 0, unchanged: result.totals.created });
  }, 120_000);
}
