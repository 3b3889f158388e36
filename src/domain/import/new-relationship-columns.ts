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

/**
 * New relationships of one type as the parallel lists `import/create-relationships` takes
 * (element i of every list is relationship i): Grafeo converts lists of scalars several
 * times faster than a list of maps. Those with custom properties go to their own statement,
 * `import/create-relationships-with-properties`, with the maps in `$properties`.
 */
export class NewRelationshipColumns {
  private readonly ids: string[] = [];
  private readonly fromIds: string[] = [];
  private readonly toIds: string[] = [];
  private readonly sources: (string | null)[] = [];
  private readonly externalIds: (string | null)[] = [];
  private readonly roles: (string | null)[] = [];
  private readonly strengths: (number | null)[] = [];
  private readonly validFroms: (string | null)[] = [];
  private readonly validTos: (string | null)[] = [];
  private readonly properties: Record<string, unknown>[] | undefined;

  constructor(withProperties: boolean) {
    this.properties = withProperties ? [] : undefined;
  }

  get size(): number {
    return this.ids.length;
  }

  add(relationship: NewRelationship): void {
    this.ids.push(relationship.id);
    this.fromIds.push(relationship.fromId);
    this.toIds.push(relationship.toId);
    this.sources.push(relationship.source);
    this.externalIds.push(relationship.externalId);
    this.roles.push(relationship.role);
    this.strengths.push(relationship.strength);
    this.validFroms.push(relationship.validFrom);
    this.validTos.push(relationship.validTo);
    this.properties?.push(relationship.properties);
  }

  /** The statement's list parameters. */
  params(): Record<string, unknown[]> {
    const { ids, fromIds, toIds, sources, externalIds, roles, strengths, validFroms, validTos, properties } = this;
    return { ids, fromIds, toIds, sources, externalIds, roles, strengths, validFroms, validTos, ...(properties ? { properties } : {}) };
  }
}

/** A batch's new relationships, by type and by whether they carry custom properties. */
export class NewRelationshipsByType {
  private readonly groups = new Map<string, { plain: NewRelationshipColumns; withProperties: NewRelationshipColumns }>();

  add(type: string, relationship: NewRelationship): void {
    let group = this.groups.get(type);
    if (!group) this.groups.set(type, (group = { plain: new NewRelationshipColumns(false), withProperties: new NewRelationshipColumns(true) }));
    (Object.keys(relationship.properties).length > 0 ? group.withProperties : group.plain).add(relationship);
  }

  /** The non-empty groups: type, whether with custom properties, and the columns. */
  *statements(): Generator<{ type: string; withProperties: boolean; columns: NewRelationshipColumns }> {
    for (const [type, { plain, withProperties }] of this.groups) {
      if (plain.size > 0) yield { type, withProperties: false, columns: plain };
      if (withProperties.size > 0) yield { type, withProperties: true, columns: withProperties };
    }
  }
}
