import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createJwtVerifier, type JwtOptions } from '../../../src/auth';
import { UnauthenticatedError } from '../../../src/domain/errors';

const secret = 'unit-test-secret-of-at-least-32-characters';
const key = new TextEncoder().encode(secret);
const base: JwtOptions = { secret, issuer: 'iss', audience: 'aud', clockSkewSeconds: 30, roleClaim: 'role' };

const sign = (claims: Record<string, unknown>, exp: number, opts: { issuer?: string; audience?: string; sub?: string } = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(opts.sub ?? 'u1')
    .setIssuer(opts.issuer ?? 'iss')
    .setAudience(opts.audience ?? 'aud')
    .setExpirationTime(now + exp)
    .sign(key);
};

describe('JWT verification', () => {
  const verify = createJwtVerifier(base);

  it('turns a valid token into a principal with its role and expiry', async () => {
    const principal = await verify(await sign({ role: 'analyst' }, 60));
    expect(principal).toMatchObject({ id: 'jwt:u1', role: 'analyst', source: 'jwt' });
    expect(principal.expiresAt).toBeGreaterThan(Date.now());
  });

  it('tolerates a token expired within the clock skew, not beyond', async () => {
    await expect(verify(await sign({ role: 'viewer' }, -10))).resolves.toMatchObject({ role: 'viewer' });
    await expect(verify(await sign({ role: 'viewer' }, -60))).rejects.toThrow('The token has expired');
  });

  it.each([
    ['another issuer', { issuer: 'other' }, '"iss" claim'],
    ['another audience', { audience: 'other' }, '"aud" claim'],
  ])('refuses a token from %s', async (_label, opts, message) => {
    await expect(verify(await sign({ role: 'viewer' }, 60, opts))).rejects.toThrow(message);
  });

  it('refuses a token without a known role unless a default role is configured', async () => {
    await expect(verify(await sign({}, 60))).rejects.toBeInstanceOf(UnauthenticatedError);
    const lenient = createJwtVerifier({ ...base, defaultRole: 'viewer' });
    await expect(lenient(await sign({}, 60))).resolves.toMatchObject({ role: 'viewer' });
  });

  it('reads the role from a configured claim holding a list', async () => {
    const custom = createJwtVerifier({ ...base, roleClaim: 'xrm/roles' });
    await expect(custom(await sign({ 'xrm/roles': ['viewer', 'admin'] }, 60))).resolves.toMatchObject({ role: 'admin' });
  });

  it('refuses a token without a subject', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('iss').setAudience('aud').setExpirationTime(now + 60).sign(key);
    await expect(verify(token)).rejects.toThrow('no subject');
  });

  describe('with a JWKS URL', () => {
    let server: Server;
    let url: string;
    let privateKey: KeyLike;
    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('verifies tokens signed by a key of the set and refuses HS256 ones', async () => {
      const viaJwks = createJwtVerifier({ jwksUrl: url, issuer: 'iss', audience: 'aud', clockSkewSeconds: 5, roleClaim: 'role' });
      const now = Math.floor(Date.now() / 1000);
      const good = await new SignJWT({ role: 'editor' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('svc').setIssuer('iss').setAudience('aud').setExpirationTime(now + 60).sign(privateKey);
      await expect(viaJwks(good)).resolves.toMatchObject({ id: 'jwt:svc', role: 'editor' });
      await expect(viaJwks(await sign({ role: 'admin' }, 60))).rejects.toBeInstanceOf(UnauthenticatedError);
    });
  });
});
