import { hashSecret, newApiKeySecret, parseApiKey, secretMatches } from '../../../src/auth/api-key-secret';

const ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';

describe('API key secrets', () => {
  it('makes keys of the form xrmk_<id>_<secret> and stores only a hash', () => {
    const { key, hash } = newApiKeySecret(ID);
    expect(key).toMatch(/^xrmk_01JABCDEFGHJKMNPQRSTVWXYZ0_[\w-]{43}$/);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(hash);
    const parsed = parseApiKey(key)!;
    expect(parsed.id).toBe(ID);
    expect(secretMatches(parsed.secret, hash)).toBe(true);
    expect(hashSecret(parsed.secret)).toBe(hash);
  });

  it('never makes the same secret twice', () => {
    expect(newApiKeySecret(ID).key).not.toBe(newApiKeySecret(ID).key);
  });

  it.each([
    ['a wrong prefix', `xrm_${ID}_${'a'.repeat(43)}`],
    ['a short id', `xrmk_01JABC_${'a'.repeat(43)}`],
    ['a missing separator', `xrmk_${ID}${'a'.repeat(43)}`],
    ['a short secret', `xrmk_${ID}_abc`],
    ['a secret with odd characters', `xrmk_${ID}_${'a'.repeat(40)}$%&`],
    ['an over-long key', `xrmk_${ID}_${'a'.repeat(200)}`],
  ])('refuses %s', (_label, key) => {
    expect(parseApiKey(key)).toBeUndefined();
  });

  it('rejects a secret that does not match the hash', () => {
    const { hash } = newApiKeySecret(ID);
    expect(secretMatches('a'.repeat(43), hash)).toBe(false);
    expect(secretMatches('a'.repeat(43), 'not-hex')).toBe(false);
  });
});
