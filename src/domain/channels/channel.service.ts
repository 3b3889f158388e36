import { DomainEventType } from '../../events/domain-event';
import type { RecordedWrites } from '../../events/recorded-writes';
import type { GraphEngine } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import type { GraphTransaction } from '../../graph/graph-engine.port';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors';
import { unsafePropertySchemaChanges } from '../metamodel/property-schema-changes';
import { validatePropertyDefinitions } from '../metamodel/property-values';
import type { PropertyDefinition } from '../metamodel/metamodel.types';
import { nowIso } from '../shared/clock';
import { checkVersion } from '../shared/version';
import { TOUCHPOINT_SYSTEM_FIELDS } from '../touchpoints/touchpoint-record';
import type { Channel, DefineChannelCommand, UpdateChannelPatch } from './channel.model';
import { DEFAULT_CHANNELS } from './default-channels';

/** What a channel name must look like: UPPER_SNAKE, like relationship types. */
export const CHANNEL_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_DESCRIPTION_LENGTH = 1000;
/** How long the channel list is served from memory before it is read again (other instances may define channels). */
const CACHE_TTL_MS = 5_000;

const CHANNEL = 'Channel';

interface ChannelRow extends Record<string, unknown> {
  channel: {
    name: string;
    description: string | null;
    builtIn: boolean | null;
    propertiesJson: string | null;
    deprecated: boolean | null;
    version: number | null;
    createdAt: string;
    updatedAt: string | null;
  };
}

type ChannelQuery = 'seed' | 'list' | 'create' | 'lock' | 'update' | 'count-touchpoints' | 'delete';

/** Reads what touchpoints need to know about channels. */
export interface ChannelReader {
  /** The channel called `name`, or undefined. */
  findChannel(name: string): Promise<Channel | undefined>;
  /** Every channel, sorted by name. */
  listChannels(): Promise<Channel[]>;
}

/**
 * The channels of touchpoints, stored as data: the built-in set is seeded on first use
 * (an idempotent MERGE), further channels are defined at run time.
 */
export class ChannelService implements ChannelReader {
  private readonly q: Record<ChannelQuery, CypherQuery>;
  private seeded: Promise<void> | undefined;
  private cache: { channels: Map<string, Channel>; loadedAt: number } | undefined;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly writes: RecordedWrites,
    private readonly clock: () => number = Date.now,
  ) {
    const names: ChannelQuery[] = ['seed', 'list', 'create', 'lock', 'update', 'count-touchpoints', 'delete'];
    this.q = Object.fromEntries(names.map((name) => [name, catalogue.get(`channel/${name}`)])) as Record<ChannelQuery, CypherQuery>;
  }

  /** Creates the built-in channels that are missing (once per process; a no-op write afterwards). */
  ensureSeeded(): Promise<void> {
    this.seeded ??= this.engine
      .write(this.q.seed, { channels: DEFAULT_CHANNELS.map((c) => ({ ...c })), now: nowIso() })
      .then(() => undefined)
      .catch((error: unknown) => {
        this.seeded = undefined;
        throw error;
      });
    return this.seeded;
  }

  /** Makes the next read load the channels afresh (another instance changed them). */
  invalidateCache(): void {
    this.cache = undefined;
  }

  async listChannels(): Promise<Channel[]> {
    return [...(await this.snapshot()).values()];
  }

  async findChannel(name: string): Promise<Channel | undefined> {
    return (await this.snapshot()).get(name);
  }

  /**
   * Defines a new channel.
   * @throws BadUserInputError for a name that is not UPPER_SNAKE, or an invalid property schema;
   *   ConflictError when a channel of that name exists.
   */
  async define(command: DefineChannelCommand, actor: string): Promise<Channel> {
    if (typeof command.name !== 'string' || !CHANNEL_NAME_PATTERN.test(command.name)) {
      throw new BadUserInputError('A channel name is UPPER_SNAKE_CASE: an upper-case letter, then up to 63 upper-case letters, digits or _', 'name');
    }
    const description = checkDescription(command.description);
    const properties = checkProperties(command.properties ?? []);
    await this.ensureSeeded();
    try {
      return await this.writes.run('channel.define', actor, async (tx, emit) => {
        const existing = await tx.run<ChannelRow>(this.q.list);
        if (existing.some((r) => r.channel.name === command.name)) {
          throw new ConflictError(`Channel "${command.name}" already exists`, { name: command.name });
        }
        const [row] = await tx.run<ChannelRow>(this.q.create, {
          name: command.name,
          description,
          propertiesJson: JSON.stringify(properties),
          actor,
          now: nowIso(),
        });
        if (!row) throw new Error('channel/create returned no row');
        const channel = toChannel(row);
        emit({ type: DomainEventType.METAMODEL_CHANGED, subjectIds: [channel.name], payload: { operation: 'channel.define', name: channel.name } });
        return channel;
      });
    } finally {
      this.cache = undefined;
    }
  }

  /**
   * Changes a channel's description or property schema.
   * @throws NotFoundError when it does not exist; ConflictError when `expectedVersion` is
   *   stale, or when touchpoints on the channel exist and the schema change could invalidate
   *   them (a property changing type or becoming required, a new required property);
   *   BadUserInputError for invalid values. Nothing is written on any error.
   */
  async update(name: string, patch: UpdateChannelPatch, actor: string): Promise<Channel> {
    const description = patch.description === undefined ? undefined : checkDescription(patch.description);
    const properties = patch.properties == null ? undefined : checkProperties(patch.properties);
    return this.change('channel.update', name, actor, async (tx, current) => {
      checkVersion(CHANNEL, { name }, patch.expectedVersion, current.version);
      const next = { ...current, description: description === undefined ? current.description : description, properties: properties ?? current.properties };
      const reasons = unsafePropertySchemaChanges(current.properties, next.properties);
      if (reasons.length > 0) {
        const touchpoints = await this.countTouchpointsIn(tx, name);
        if (touchpoints > 0) {
          throw new ConflictError(
            `Channel "${name}" has ${touchpoints} touchpoint${touchpoints === 1 ? '' : 's'}, so this change is refused: ${reasons.join('; ')}`,
            { name, touchpoints, reasons },
          );
        }
      }
      return next;
    });
  }

  /**
   * Deprecates a channel (its touchpoints stay and can still be read and filtered; no new
   * touchpoint may use it) or, with false, brings it back. Bumps the version only when the
   * flag changes.
   * @throws NotFoundError when it does not exist.
   */
  deprecate(name: string, deprecated: boolean, actor: string): Promise<Channel> {
    return this.change('channel.deprecate', name, actor, (_tx, current) => Promise.resolve(current.deprecated === deprecated ? undefined : { ...current, deprecated }));
  }

  /**
   * Deletes a user-defined channel no touchpoint uses.
   * @returns true.
   * @throws NotFoundError when it does not exist; ConflictError for a built-in channel or
   *   while touchpoints use it (deprecate it instead).
   */
  async delete(name: string, actor: string): Promise<boolean> {
    await this.ensureSeeded();
    try {
      return await this.writes.run('channel.delete', actor, async (tx, emit) => {
        const current = await this.lockIn(tx, name);
        if (current.builtIn) throw new ConflictError(`Channel "${name}" is built in and cannot be deleted; deprecate it instead`, { name });
        const touchpoints = await this.countTouchpointsIn(tx, name);
        if (touchpoints > 0) {
          throw new ConflictError(
            `Channel "${name}" has ${touchpoints} touchpoint${touchpoints === 1 ? '' : 's'} and cannot be deleted; deprecate it instead`,
            { name, touchpoints },
          );
        }
        await tx.run(this.q.delete, { name });
        emit({ type: DomainEventType.METAMODEL_CHANGED, subjectIds: [name], payload: { operation: 'channel.delete', name } });
        return true;
      });
    } finally {
      this.cache = undefined;
    }
  }

  /**
   * Locks the channel, lets `decide` compute its next state (undefined: nothing to change)
   * and writes it with one METAMODEL_CHANGED event.
   */
  private async change(
    operation: string,
    name: string,
    actor: string,
    decide: (tx: GraphTransaction, current: Channel) => Promise<Channel | undefined>,
  ): Promise<Channel> {
    await this.ensureSeeded();
    try {
      return await this.writes.run(operation, actor, async (tx, emit) => {
        const current = await this.lockIn(tx, name);
        const next = await decide(tx, current);
        if (next === undefined) return current;
        const [row] = await tx.run<ChannelRow>(this.q.update, {
          name,
          description: next.description,
          propertiesJson: JSON.stringify(next.properties),
          deprecated: next.deprecated,
          actor,
          now: nowIso(),
        });
        if (!row) throw new Error('channel/update returned no row');
        emit({ type: DomainEventType.METAMODEL_CHANGED, subjectIds: [name], payload: { operation, name } });
        return toChannel(row);
      });
    } finally {
      this.cache = undefined;
    }
  }

  private async lockIn(tx: GraphTransaction, name: string): Promise<Channel> {
    const [row] = await tx.run<ChannelRow>(this.q.lock, { name, now: nowIso() });
    if (!row) throw new NotFoundError(CHANNEL, name);
    return toChannel(row);
  }

  private async countTouchpointsIn(tx: GraphTransaction, name: string): Promise<number> {
    const [row] = await tx.run<{ touchpoints: number }>(this.q['count-touchpoints'], { name });
    return Number(row?.touchpoints ?? 0);
  }

  private async snapshot(): Promise<Map<string, Channel>> {
    if (this.cache && this.clock() - this.cache.loadedAt < CACHE_TTL_MS) return this.cache.channels;
    await this.ensureSeeded();
    const loadedAt = this.clock();
    const rows = await this.engine.read<ChannelRow>(this.q.list);
    const channels = new Map(rows.map((r) => [r.channel.name, toChannel(r)]));
    this.cache = { channels, loadedAt };
    return channels;
  }
}

function toChannel(row: ChannelRow): Channel {
  const c = row.channel;
  return {
    name: c.name,
    description: c.description ?? null,
    properties: parseProperties(c.propertiesJson),
    builtIn: c.builtIn === true,
    deprecated: c.deprecated === true,
    version: c.version ?? 1,
    createdAt: String(c.createdAt),
    updatedAt: String(c.updatedAt ?? c.createdAt),
  };
}

function checkDescription(value: string | null | undefined): string | null {
  const description = value?.trim() || null;
  if (description !== null && description.length > MAX_DESCRIPTION_LENGTH) {
    throw new BadUserInputError(`description may be at most ${MAX_DESCRIPTION_LENGTH} characters`, 'description');
  }
  return description;
}

function checkProperties(definitions: NonNullable<DefineChannelCommand['properties']>): PropertyDefinition[] {
  const properties = validatePropertyDefinitions(definitions, 'properties');
  properties.forEach((p, i) => {
    if ((TOUCHPOINT_SYSTEM_FIELDS as readonly string[]).includes(p.name)) {
      throw new BadUserInputError(`"${p.name}" is a field every touchpoint has; choose another property name`, `properties[${i}].name`);
    }
  });
  return properties;
}

function parseProperties(json: string | null): PropertyDefinition[] {
  if (!json) return [];
  return JSON.parse(json) as PropertyDefinition[];
}
