import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every API key starts with this, so scanners and people recognise it. */
export const API_KEY_PREFIX = 'xrmk_';
const ID_LENGTH = 26; // a ULID

/** A new key: `xrmk_<id>_<secret>`, the secret 32 random bytes (base64url). */
export function newApiKeySecret(id: string): { key: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { key: `${API_KEY_PREFIX}${id}_${secret}`, hash: hashSecret(secret) };
}

/** Splits a presented key into id and secret, or undefined when it has not the shape of a key. */
export function parseApiKey(key: string): { id: string; secret: string } | undefined {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 128) return undefined;
  const id = key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + ID_LENGTH);
  const secret = key.slice(API_KEY_PREFIX.length + ID_LENGTH + 1);
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) || key[API_KEY_PREFIX.length + ID_LENGTH] !== '_' || !/^[\w-]{20,}$/.test(secret)) return undefined;
  return { id, secret };
}

/**
 * SHA-256 of the secret, hex. The secret is 256 random bits, so a fast hash is enough:
 * no password-style stretching is needed against guessing.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
