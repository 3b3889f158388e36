import { join } from 'node:path';
import { printSchema } from 'graphql';
import { createSchema } from './schema';

/** The committed SDL of the API. */
export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema', 'schema.graphql');

/** The SDL as `npm run schema:emit` writes it: a header, then the sorted schema. */
export async function renderSchema(): Promise<string> {
  const header = '# Emitted from the code by `npm run schema:emit`. Do not edit: a test fails when this differs.\n\n';
  return `${header}${printSchema(await createSchema())}\n`;
}
