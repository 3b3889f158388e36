import { BadUserInputError, NotFoundError } from '../domain/errors';
import { newId } from '../domain/shared/ids';
import { DomainEventType } from '../events/domain-event';
import type { Emit, RecordedWrites } from '../events/recorded-writes';
import type { GraphEngine, GraphTransaction } from '../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../graph/query-catalogue';
import { newApiKeySecret, parseApiKey, secretMatches } from './api-key-secret';
import type { Principal } from './principal';
import { parseRole, type Role } from './role';

/** An API key as clients and operators see it: never its secret or hash. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A key just created: `key` is shown this once and cannot be read back. */
export interface CreatedApiKey {
  key: string;
  apiKey: ApiKeyRecord;
}

/** How often, at most, a key's lastUsedAt is written (per key and process). */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * API keys stored in the graph as `(:ApiKey {id, hash, name, role, createdAt, lastUsedAt,
 * revokedAt})`. Used by the admin mutations and the CLI; `verify` authenticates requests.
 * With `writes`, creating and revoking a key are recorded as domain events
 * (API_KEY_CREATED, API_KEY_REVOKED) with the actor, in the change's transaction; the
 * events carry the key's id, name and role, never its secret or hash.
 */
export class ApiKeyService {
  private readonly createQuery: CypherQuery;
  private readonly getQuery: CypherQuery;
  private readonly listQuery: CypherQuery;
  private readonly revokeQuery: CypherQuery;
  private readonly touchQuery: CypherQuery;
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly now: () => Date = () => new Date(),
    private readonly onTouchError: (error: unknown) => void = () => undefined,
    private readonly writes?: RecordedWrites,
  ) {
    this.createQuery = catalogue.get('auth/create-api-key');
    this.getQuery = catalogue.get('auth/get-api-key');
    this.listQuery = catalogue.get('auth/list-api-keys');
    this.revokeQuery = catalogue.get('auth/revoke-api-key');
    this.touchQuery = catalogue.get('auth/touch-api-key');
  }

  /**
   * Creates a key with a role.
   * @throws BadUserInputError for a blank or over-long name (1–100 characters) or an unknown role.
   */
  async create(input: { name: string; role: string }, actor: string): Promise<CreatedApiKey> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) throw new BadUserInputError('An API key name has 1 to 100 characters', 'name');
    const role = parseRole(input.role);
    if (role === undefined) throw new BadUserInputError(`Unknown role "${input.role}"`, 'role');
    const id = newId();
    const { key, hash } = newApiKeySecret(id);
    const params = { props: { id, name, role, hash, createdBy: actor }, now: this.now().toISOString() };
    const apiKey = await this.writing('auth.createApiKey', actor, async (tx, emit) => {
      const record = toRecord(first(await tx.run<{ apiKey: Record<string, unknown> }>(this.createQuery, params)).apiKey);
      emit({ type: DomainEventType.API_KEY_CREATED, subjectIds: [record.id], payload: eventPayload(record) });
      return record;
    });
    return { key, apiKey };
  }

  /** Every key, newest first (revoked ones included, marked). */
  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.engine.read<{ apiKey: Record<string, unknown> }>(this.listQuery);
    return rows.map((r) => toRecord(r.apiKey));
  }

  /**
   * Revokes a key at once; it authenticates nothing afterwards. Idempotent: revoking a
   * revoked key changes nothing and records no event.
   * @throws NotFoundError for an unknown id.
   */
  async revoke(id: string, actor = 'system'): Promise<ApiKeyRecord> {
    return this.writing('auth.revokeApiKey', actor, async (tx, emit) => {
      const [before] = await tx.run<{ apiKey: Record<string, unknown> }>(this.getQuery, { id });
      if (!before) throw new NotFoundError('API key', id);
      if (before.apiKey.revokedAt != null) return toRecord(before.apiKey);
      const [row] = await tx.run<{ apiKey: Record<string, unknown> }>(this.revokeQuery, { id, now: this.now().toISOString() });
      if (!row) throw new NotFoundError('API key', id);
      const record = toRecord(row.apiKey);
      emit({ type: DomainEventType.API_KEY_REVOKED, subjectIds: [record.id], payload: eventPayload(record) });
      return record;
    });
  }

  /** A write through the event outbox when there is one, else a plain write transaction (events dropped). */
  private writing<T>(operation: string, actor: string, work: (tx: GraphTransaction, emit: Emit) => Promise<T>): Promise<T> {
    if (this.writes) return this.writes.run(operation, actor, work);
    return this.engine.transaction('WRITE', operation, (tx) => work(tx, () => undefined));
  }

  /**
   * The principal of a presented key, or undefined when the key is malformed, unknown,
   * revoked or its secret does not match. Records the use (at most once a minute per
   * key; a failure to record is reported to `onTouchError`, never to the caller).
   */
  async verify(presented: string): Promise<Principal | undefined> {
    const parsed = parseApiKey(presented);
    if (!parsed) return undefined;
    const [row] = await this.engine.read<{ apiKey: Record<string, unknown> }>(this.getQuery, { id: parsed.id });
    const stored = row?.apiKey;
    if (!stored || stored.revokedAt != null || typeof stored.hash !== 'string') return undefined;
    if (!secretMatches(parsed.secret, stored.hash)) return undefined;
    const role = parseRole(stored.role);
    if (!role) return undefined;
    this.touch(parsed.id);
    return { id: `api-key:${parsed.id}`, role, source: 'api-key', expiresAt: null };
  }

  private touch(id: string): void {
    const now = this.now();
    const last = this.touched.get(id);
    if (last !== undefined && now.getTime() - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(id, now.getTime());
    this.engine.write(this.touchQuery, { id, now: now.toISOString() }).catch(this.onTouchError);
  }
}

/** What an API key event says about the key: never the secret or its hash. */
function eventPayload(record: ApiKeyRecord): Record<string, unknown> {
  return { id: record.id, name: record.name, role: record.role, createdBy: record.createdBy, revokedAt: record.revokedAt };
}

function first<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('The statement returned no row');
  return row;
}

function toRecord(raw: Record<string, unknown>): ApiKeyRecord {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return {
    id: String(raw.id),
    name: String(raw.name),
    role: parseRole(raw.role) ?? 'viewer',
    createdAt: String(raw.createdAt),
    createdBy: text(raw.createdBy),
    lastUsedAt: text(raw.lastUsedAt),
    revokedAt: text(raw.revokedAt),
  };
}
