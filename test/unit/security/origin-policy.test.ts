import { OriginPolicy } from '../../../src/api/security/origin-policy';

describe('browser origins', () => {
  const policy = new OriginPolicy(['https://app.example', 'https://admin.example/']);

  it('lets requests without an Origin and same-origin requests through', () => {
    expect(policy.allows(undefined, 'api.example')).toBe(true);
    expect(policy.allows('http://localhost:4000', 'localhost:4000')).toBe(true);
  });

  it('allows listed origins, case-insensitively and without a trailing slash', () => {
    expect(policy.allows('https://APP.example', 'api.example')).toBe(true);
    expect(policy.allows('https://admin.example', 'api.example')).toBe(true);
    expect(policy.allowOriginHeader('https://app.example')).toBe('https://app.example');
  });

  it('refuses other origins and sends no CORS header for them', () => {
    expect(policy.allows('https://evil.example', 'api.example')).toBe(false);
    expect(policy.allows('null', 'api.example')).toBe(false);
    expect(policy.allowOriginHeader('https://evil.example')).toBeUndefined();
  });

  it('allows every origin with *', () => {
    const any = new OriginPolicy(['*']);
    expect(any.allows('https://evil.example', 'api.example')).toBe(true);
    expect(any.allowOriginHeader('https://evil.example')).toBe('*');
  });
});
