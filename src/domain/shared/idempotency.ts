import { createHash } from 'node:crypto';
import type { GraphTransaction } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { BadUserInputError, ConflictError } from '../errors';
import { nowIso } from './clock';

/** Longest idempotency key a client may send. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** A client's key, checked; null when none was given. */
export function checkIdempotencyKey(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new BadUserInputError(`idempotencyKey must have 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, 'idempotencyKey');
  }
  return value;
}

/**
 * A stable digest of a write's content (object keys sorted), so a retry under the same key
 * can be told apart from a different request that reuses the key.
 */
export function fingerprintOf(content: unknown): string {
  return createHash('sha256').update(stableJson(content)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** One idempotent write: its operation, the client's key and the content's fingerprint. */
export interface IdempotentRequest {
  operation: string;
  key: string;
  fingerprint: string;
}

/** The request for a key, or null when the client sent none. */
export function idempotentRequest(operation: string, key: string | null | undefined, content: unknown): IdempotentRequest | null {
  const checked = checkIdempotencyKey(key);
  return checked === null ? null : { operation, key: checked, fingerprint: fingerprintOf(content) };
}

/**
 * Idempotency keys of creating writes other than touchpoints (which keep the key on the
 * touchpoint itself): one `(:IdempotencyKey {scopedKey})` node per used key, written in the
 * creating transaction, naming the created record and a fingerprint of the request.
 * A retry with the same key and content returns the first record and writes nothing (no
 * event); the same key with different content is refused with CONFLICT.
 */
export class IdempotencyKeys {
  private readonly find: CypherQuery;
  private readonly remember: CypherQuery;

  constructor(catalogue: QueryCatalogue) {
    this.find = catalogue.get('idempotency/find');
    this.remember = catalogue.get('idempotency/remember');
  }

  /**
   * Inside a write transaction: with no request, runs `create`. With a key used before,
   * returns the record read by `readExisting` and does not run `create`. Otherwise runs
   * `create` and stores the key with the created record's id.
   * @throws ConflictError when the key was used for different content, or its record was deleted since.
   */
  async once<T extends { id: string }>(
    tx: GraphTransaction,
    request: IdempotentRequest | null,
    readExisting: (id: string) => Promise<T | null>,
    create: () => Promise<T>,
  ): Promise<T> {
    if (request === null) return create();
    const scopedKey = `${request.operation}:${request.key}`;
    const [earlier] = await tx.run<{ resultId: string; fingerprint: string }>(this.find, { scopedKey });
    if (earlier) {
      if (earlier.fingerprint !== request.fingerprint) {
        throw new ConflictError(`idempotencyKey "${request.key}" was already used for a different ${request.operation} request`, {
          field: 'idempotencyKey',
          idempotencyKey: request.key,
          existingId: earlier.resultId,
        });
      }
      const existing = await readExisting(earlier.resultId);
      if (!existing) {
        throw new ConflictError(`The record created under idempotencyKey "${request.key}" has been deleted since`, {
          field: 'idempotencyKey',
          idempotencyKey: request.key,
          existingId: earlier.resultId,
        });
      }
      return existing;
    }
    const created = await create();
    await tx.run(this.remember, {
      scopedKey,
      operation: request.operation,
      resultId: created.id,
      fingerprint: request.fingerprint,
      now: nowIso(),
    });
    return created;
  }
}
