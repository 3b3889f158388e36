import { DomainEventType } from '../../events/domain-event';
import type { RecordedWrites } from '../../events/recorded-writes';
import type { GraphEngine } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { BadUserInputError, ConflictError } from '../errors';
import { validatePropertyDefinitions } from '../metamodel/property-values';
import type { PropertyDefinition } from '../metamodel/metamodel.types';
import { nowIso } from '../shared/clock';
import { TOUCHPOINT_SYSTEM_FIELDS } from '../touchpoints/touchpoint-record';
import type { Channel, DefineChannelCommand } from './channel.model';
import { DEFAULT_CHANNELS } from './default-channels';

/** What a channel name must look like: UPPER_SNAKE, like relationship types. */
export const CHANNEL_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_DESCRIPTION_LENGTH = 1000;
/** How long the channel list is served from memory before it is read again (other instances may define channels). */
const CACHE_TTL_MS = 5_000;

interface ChannelRow extends Record<string, unknown> {
  channel: { name: string; description: string | null; builtIn: boolean | null; propertiesJson: string | null; createdAt: string };
}

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
  private readonly q: Record<'seed' | 'list' | 'create', CypherQuery>;
  private seeded: Promise<void> | undefined;
  private cache: { channels: Map<string, Channel>; loadedAt: number } | undefined;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly writes: RecordedWrites,
    private readonly clock: () => number = Date.now,
  ) {
    this.q = { seed: catalogue.get('channel/seed'), list: catalogue.get('channel/list'), create: catalogue.get('channel/create') };
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
    const description = command.description?.trim() || null;
    if (description !== null && description.length > MAX_DESCRIPTION_LENGTH) {
      throw new BadUserInputError(`description may be at most ${MAX_DESCRIPTION_LENGTH} characters`, 'description');
    }
    const properties = validatePropertyDefinitions(command.properties ?? [], 'properties');
    properties.forEach((p, i) => {
      if ((TOUCHPOINT_SYSTEM_FIELDS as readonly string[]).includes(p.name)) {
        throw new BadUserInputError(`"${p.name}" is a field every touchpoint has; choose another property name`, `properties[${i}].name`);
      }
    });
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
    createdAt: String(c.createdAt),
  };
}

function parseProperties(json: string | null): PropertyDefinition[] {
  if (!json) return [];
  return JSON.parse(json) as PropertyDefinition[];
}
