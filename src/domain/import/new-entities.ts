import { toColumns } from './statement-columns';

/** One entity an import batch creates (its kind is the statement's). */
export interface NewEntity {
  id: string;
  name: string;
  source: string | null;
  externalId: string | null;
  /** Custom properties, null values left out. */
  properties: Record<string, unknown>;
}

/** The list parameters of `import/create-entities` for entities of one kind. */
export function newEntityParams(entities: readonly NewEntity[]): Record<string, unknown[]> {
  return toColumns(entities, { id: 'ids', name: 'names', source: 'sources', externalId: 'externalIds', properties: 'properties' });
}
