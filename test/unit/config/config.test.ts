import { DEFAULT_DATA_PATH, loadConfig, parseGraphUrl } from '../../../src/config/config';

const neo4j = { user: 'neo4j', password: 'secret', database: undefined };

describe('parseGraphUrl', () => {
  it('defaults to the embedded engine on disk under ./data when GRAPH_URL is unset', () => {
    expect(parseGraphUrl(undefined, neo4j)).toEqual({ engine: 'grafeo', path: DEFAULT_DATA_PATH });
  });
  it('keeps the graph in memory for memory:', () => {
    expect(parseGraphUrl('memory:', neo4j)).toEqual({ engine: 'grafeo', path: null });
  });
  it('reads a file: path', () => {
    expect(parseGraphUrl('file:./var/graph', neo4j)).toEqual({ engine: 'grafeo', path: './var/graph' });
    expect(parseGraphUrl('file:///srv/xrm', neo4j)).toEqual({ engine: 'grafeo', path: '/srv/xrm' });
  });
  it.each(['neo4j://db:7687', 'neo4j+s://x.databases.neo4j.io', 'bolt://localhost:7687', 'bolt+ssc://h:7687'])(
    'selects Neo4j for %s with the credentials',
    (url) => {
      expect(parseGraphUrl(url, neo4j)).toEqual({ engine: 'neo4j', url, ...neo4j });
    },
  );
  it.each(['postgres://x', 'file:', 'neo4j:/', 'memory'])('refuses %s with a message naming the accepted forms', (url) => {
    expect(() => parseGraphUrl(url, neo4j)).toThrow(/memory:|file:/);
  });
});

describe('loadConfig', () => {
  it('applies defaults: port 4000 on 127.0.0.1, pages of 20 up to 100, introspection on outside production', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 4000, defaultPageSize: 20, maxPageSize: 100, introspection: true });
  });
  it('turns introspection off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
  });
  it('lists every invalid variable at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT.*LOG_LEVEL|LOG_LEVEL.*PORT/);
  });
  it('refuses a default page size above the maximum', () => {
    expect(() => loadConfig({ DEFAULT_PAGE_SIZE: '200' })).toThrow(/DEFAULT_PAGE_SIZE/);
  });
});
