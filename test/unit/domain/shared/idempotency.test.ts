import { checkIdempotencyKey, fingerprintOf, idempotentRequest } from '../../../../src/domain/shared/idempotency';

describe('idempotency keys', () => {
  it('fingerprints content independently of key order and undefined fields', () => {
    expect(fingerprintOf({ a: 1, b: { y: [1, 2], x: 'z' } })).toBe(fingerprintOf({ b: { x: 'z', y: [1, 2] }, a: 1, c: undefined }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
    expect(fingerprintOf({ a: [1, 2] })).not.toBe(fingerprintOf({ a: [2, 1] }));
    expect(fingerprintOf({ a: null })).not.toBe(fingerprintOf({ a: 'null' }));
  });

  it('accepts 1 to 200 characters and no key at all', () => {
    expect(checkIdempotencyKey(undefined)).toBeNull();
    expect(checkIdempotencyKey(null)).toBeNull();
    expect(checkIdempotencyKey('k'.repeat(200))).toHaveLength(200);
    expect(() => checkIdempotencyKey('')).toThrow(/1 to 200/);
    expect(() => checkIdempotencyKey('k'.repeat(201))).toThrow(/1 to 200/);
  });

  it('builds a request only when a key is given', () => {
    expect(idempotentRequest('entity.create', null, { name: 'x' })).toBeNull();
    expect(idempotentRequest('entity.create', 'k1', { name: 'x' })).toEqual({ operation: 'entity.create', key: 'k1', fingerprint: fingerprintOf({ name: 'x' }) });
  });
});
