import { describeTarget } from '../../../src/graph/open-graph';

describe('describeTarget', () => {
  test('names the embedded engine in memory and on disk', () => {
    expect(describeTarget({ engine: 'grafeo', path: null })).toBe('grafeo (in memory)');
    expect(describeTarget({ engine: 'grafeo', path: './data/xrm' })).toBe('grafeo at ./data/xrm');
  });

  test('names the Neo4j server, user and database without the password', () => {
    const text = describeTarget({ engine: 'neo4j', url: 'neo4j+s://db.example:7687', user: 'xrm', password: 's3cret', database: 'crm' });

    expect(text).toBe('neo4j at neo4j+s://db.example:7687 as user "xrm", database "crm"');
  });

  test('masks a password embedded in the URL and mentions the default database', () => {
    const text = describeTarget({ engine: 'neo4j', url: 'bolt://xrm:s3cret@db:7687', user: 'xrm', password: 's3cret', database: undefined });

    expect(text).toBe('neo4j at bolt://xrm:***@db:7687 as user "xrm", default database');
    expect(text).not.toContain('s3cret');
  });
});
