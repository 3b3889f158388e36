import { assertSafeBinding, loadConfig } from '../../../src/config/config';

describe('security configuration', () => {
  it('is open on loopback without authentication, with limits at their defaults', () => {
    const { security } = loadConfig({});
    expect(security).toMatchObject({
      authRequired: false,
      authDisabled: false,
      jwt: undefined,
      limits: { maxDepth: 10, maxAliases: 15, maxDirectives: 10, maxTokens: 2000, maxCost: 1_000_000, defaultListSize: 20 },
      rateLimit: { perSecond: 50, burst: 200 },
      maxConnectionsPerPrincipal: 50,
      maxWebSocketPayloadBytes: 1_048_576,
      corsOrigins: [],
      countsOnlyRoles: [],
      countsOnlyFields: ['Touchpoint.summary'],
      hideSuggestions: false,
    });
  });

  it('refuses to serve an open API on another interface', () => {
    expect(() => assertSafeBinding(loadConfig({ HOST: '0.0.0.0' }))).toThrow(/Refusing to serve on HOST=0\.0\.0\.0 without authentication/);
    expect(() => assertSafeBinding(loadConfig({ HOST: '192.168.1.5' }))).toThrow(/AUTH_DISABLED=true/);
    expect(() => assertSafeBinding(loadConfig({ HOST: '::1' }))).not.toThrow();
  });

  it('serves another interface when authentication is configured or explicitly disabled', () => {
    expect(loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 'x'.repeat(32) }).security.authRequired).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0', API_KEYS_ENABLED: 'true' }).security.authRequired).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_DISABLED: 'true' }).security).toMatchObject({ authRequired: false, authDisabled: true });
    expect(() => assertSafeBinding(loadConfig({ HOST: '0.0.0.0', AUTH_DISABLED: 'true' }))).not.toThrow();
    expect(() => assertSafeBinding(loadConfig({ HOST: '0.0.0.0', API_KEYS_ENABLED: 'true' }))).not.toThrow();
    expect(loadConfig({ HOST: '127.0.0.2' }).security.authRequired).toBe(false);
  });

  it('validates the JWT settings', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must have at least 32 characters/);
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(32), JWT_JWKS_URL: 'https://id.example/jwks.json' })).toThrow(/not both/);
    expect(() => loadConfig({ JWT_AUDIENCE: 'api' })).toThrow(/need JWT_SECRET or JWT_JWKS_URL/);
    expect(() => loadConfig({ JWT_DEFAULT_ROLE: 'root', JWT_SECRET: 'x'.repeat(32) })).toThrow(/JWT_DEFAULT_ROLE/);
    expect(loadConfig({ JWT_JWKS_URL: 'https://id.example/jwks.json', JWT_AUDIENCE: 'api', JWT_CLOCK_SKEW_SECONDS: '10' }).security.jwt).toMatchObject({
      jwksUrl: 'https://id.example/jwks.json',
      audience: 'api',
      clockSkewSeconds: 10,
      roleClaim: 'role',
    });
    expect(() => loadConfig({ JWT_CLOCK_SKEW_SECONDS: '3600' })).toThrow(/JWT_CLOCK_SKEW_SECONDS/);
  });

  it('reads lists and limits, and turns per-principal quotas off under NODE_ENV=test unless set', () => {
    const { security } = loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: 'https://a.example, https://b.example', COUNTS_ONLY_ROLES: 'viewer,analyst', MAX_QUERY_DEPTH: '7' });
    expect(security).toMatchObject({ corsOrigins: ['https://a.example', 'https://b.example'], countsOnlyRoles: ['viewer', 'analyst'], limits: { maxDepth: 7 }, rateLimit: { perSecond: 0 }, maxConnectionsPerPrincipal: 0 });
    expect(loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_SECOND: '5' }).security.rateLimit.perSecond).toBe(5);
    expect(() => loadConfig({ COUNTS_ONLY_ROLES: 'root' })).toThrow(/COUNTS_ONLY_ROLES/);
    expect(() => loadConfig({ COUNTS_ONLY_FIELDS: 'summary' })).toThrow(/Type\.field/);
    expect(loadConfig({ NODE_ENV: 'production' }).security.hideSuggestions).toBe(true);
  });
});
