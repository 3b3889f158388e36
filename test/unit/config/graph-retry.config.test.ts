import { loadConfig } from '../../../src/config/config';

describe('graph engine availability settings (issue 6)', () => {
  it('defaults to retries from 500 ms doubling up to 30 s and a health check every 10 s', () => {
    expect(loadConfig({}).graphRetry).toEqual({ initialMs: 500, maxMs: 30_000, healthCheckMs: 10_000 });
  });

  it('reads GRAPH_RETRY_INITIAL_MS, GRAPH_RETRY_MAX_MS and GRAPH_HEALTH_CHECK_MS (0 turns the health check off)', () => {
    const c = loadConfig({ GRAPH_RETRY_INITIAL_MS: '100', GRAPH_RETRY_MAX_MS: '5000', GRAPH_HEALTH_CHECK_MS: '0' });
    expect(c.graphRetry).toEqual({ initialMs: 100, maxMs: 5_000, healthCheckMs: 0 });
  });

  it('refuses an initial delay above the cap', () => {
    expect(() => loadConfig({ GRAPH_RETRY_INITIAL_MS: '6000', GRAPH_RETRY_MAX_MS: '5000' })).toThrow(/GRAPH_RETRY_INITIAL_MS must not exceed GRAPH_RETRY_MAX_MS/);
  });

  it.each([['GRAPH_RETRY_INITIAL_MS', '0'], ['GRAPH_RETRY_MAX_MS', 'soon'], ['GRAPH_HEALTH_CHECK_MS', '-1']])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});

describe('METRICS_TOKEN (issue 6)', () => {
  it('is unset by default', () => {
    expect(loadConfig({}).security.metricsToken).toBeUndefined();
  });
  it('is read when long enough', () => {
    expect(loadConfig({ METRICS_TOKEN: 'scrape-token-0123456789' }).security.metricsToken).toBe('scrape-token-0123456789');
  });
  it('refuses a short token', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must have at least 16 characters/);
  });
});
