import { toColumns } from './statement-columns';

/** One relationship an import batch creates. */
export interface NewRelationship {
  id: string;
  fromId: string;
  toId: string;
  source: string | null;
  externalId: string | null;
  role: string | null;
  strength: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** Custom properties, null values left out; empty for most relationships. */
  properties: Record<string, unknown>;
}

const SYSTEM_COLUMNS = {
  id: 'ids',
  fromId: 'fromIds',
  toId: 'toIds',
  source: 'sources',
  externalId: 'externalIds',
  role: 'roles',
  strength: 'strengths',
  validFrom: 'validFroms',
  validTo: 'validTos',
} as const;

/** One create statement of a batch: its type, its query, and its list parameters. */
export interface RelationshipStatement {
  type: string;
  query: 'import/create-relationships' | 'import/create-relationships-with-properties';
  size: number;
  params: Record<string, unknown[]>;
}

/**
 * A batch's new relationships, grouped by type and by whether they carry custom
 * properties: those go to `import/create-relationships-with-properties`, with the maps in
 * `$properties`, because SET costs every row even with an empty map.
 */
export class NewRelationshipsByType {
  private readonly groups = new Map<string, { plain: NewRelationship[]; withProperties: NewRelationship[] }>();

  add(type: string, relationship: NewRelationship): void {
    let group = this.groups.get(type);
    if (!group) this.groups.set(type, (group = { plain: [], withProperties: [] }));
    (Object.keys(relationship.properties).length > 0 ? group.withProperties : group.plain).push(relationship);
  }

  /** The create statements the batch needs (none for an empty group). */
  *statements(): Generator<RelationshipStatement> {
    for (const [type, { plain, withProperties }] of this.groups) {
      if (plain.length > 0) yield { type, query: 'import/create-relationships', size: plain.length, params: toColumns(plain, SYSTEM_COLUMNS) };
      if (withProperties.length > 0) {
        yield {
          type,
          query: 'import/create-relationships-with-properties',
          size: withProperties.length,
          params: toColumns(withProperties, { ...SYSTEM_COLUMNS, properties: 'properties' }),
        };
      }
    }
  }
}
