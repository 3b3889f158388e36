import { loadConfig } from '../../../src/config/config';

describe('network and analytics configuration', () => {
  it('defaults to depth 3, 200k analytics nodes and explicit strength only', () => {
    expect(loadConfig({}).network).toEqual({
      maxTraversalDepth: 3,
      maxTraversalNodes: 10_000,
      maxPathDepth: 8,
      analyticsMaxNodes: 200_000,
      analyticsTimeBudgetMs: 30_000,
      strengthWeightExplicit: 1,
      strengthWeightTouchpoints: 0,
      strengthDefault: 0.5,
      indexEnabled: true,
      indexMaxRelationships: 5_000_000,
      indexRebuildIntervalMs: 30_000,
    });
  });

  it('reads the topology index settings, and refuses a mode it does not know', () => {
    expect(loadConfig({ NETWORK_INDEX: 'off', NETWORK_INDEX_MAX_RELATIONSHIPS: '10', NETWORK_INDEX_REBUILD_INTERVAL_MS: '0' }).network).toMatchObject({
      indexEnabled: false,
      indexMaxRelationships: 10,
      indexRebuildIntervalMs: 0,
    });
    expect(() => loadConfig({ NETWORK_INDEX: 'on' })).toThrow(/NETWORK_INDEX/);
  });

  it('reads the limits and weights from the environment', () => {
    const n = loadConfig({ MAX_TRAVERSAL_DEPTH: '5', ANALYTICS_MAX_NODES: '1000', STRENGTH_WEIGHT_TOUCHPOINTS: '2' }).network;
    expect(n).toMatchObject({ maxTraversalDepth: 5, analyticsMaxNodes: 1000, strengthWeightTouchpoints: 2 });
  });

  it('refuses limits out of range and weights that are all zero', () => {
    expect(() => loadConfig({ MAX_TRAVERSAL_DEPTH: '0' })).toThrow(/MAX_TRAVERSAL_DEPTH/);
    expect(() => loadConfig({ ANALYTICS_TIME_BUDGET_MS: 'soon' })).toThrow(/ANALYTICS_TIME_BUDGET_MS/);
    expect(() => loadConfig({ STRENGTH_WEIGHT_EXPLICIT: '0', STRENGTH_WEIGHT_TOUCHPOINTS: '0' })).toThrow(/must be above 0/);
    expect(() => loadConfig({ STRENGTH_DEFAULT: '0' })).toThrow(/STRENGTH_DEFAULT/);
  });
});
