import { readFileSync } from 'node:fs';
import { renderSchema, SCHEMA_FILE } from '../../../src/api/schema-file';

describe('schema/schema.graphql', () => {
  it('is exactly what the code emits (run `npm run schema:emit` after changing the API)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await renderSchema());
  });
});
