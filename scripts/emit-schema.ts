import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { renderSchema, SCHEMA_FILE } from '../src/api/schema-file';

/** Writes schema/schema.graphql from the code (`npm run schema:emit`). */
async function main(): Promise<void> {
  writeFileSync(SCHEMA_FILE, await renderSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

void main();
