/** One entity an import batch creates (its kind is the statement's). */
export interface NewEntity {
  id: string;
  name: string;
  source: string | null;
  externalId: string | null;
  /** Custom properties, null values left out. */
  properties: Record<string, unknown>;
}

/**
 * New entities of one kind as the parallel lists `import/create-entities` takes (element i
 * of every list is entity i): Grafeo converts lists of scalars far faster than a list of
 * maps, and sets properties written inline in CREATE faster than with SET.
 */
export class NewEntityColumns {
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  private readonly sources: (string | null)[] = [];
  private readonly externalIds: (string | null)[] = [];
  private readonly properties: Record<string, unknown>[] = [];

  add(entity: NewEntity): void {
    this.ids.push(entity.id);
    this.names.push(entity.name);
    this.sources.push(entity.source);
    this.externalIds.push(entity.externalId);
    this.properties.push(entity.properties);
  }

  /** The statement's list parameters. */
  params(): Record<string, unknown[]> {
    const { ids, names, sources, externalIds, properties } = this;
    return { ids, names, sources, externalIds, properties };
  }
}
