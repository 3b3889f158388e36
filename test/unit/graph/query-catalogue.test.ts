import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';

function catalogueWith(files: Record<string, string>): QueryCatalogue {
  const dir = mkdtempSync(join(tmpdir(), 'xrm-cypher-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, `${name}.cypher`), text);
  }
  return new QueryCatalogue(dir);
}

describe('QueryCatalogue', () => {
  it('names queries by their path under cypher/', () => {
    const c = catalogueWith({ 'entity/get': 'RETURN 1 AS one' });
    expect(c.get('entity/get')).toEqual({ name: 'entity/get', text: 'RETURN 1 AS one' });
  });
  it('fails loudly for a query file that does not exist', () => {
    expect(() => catalogueWith({}).get('nope/missing')).toThrow(/No Cypher file for query "nope\/missing"/);
  });
  it('backticks a registered identifier into a placeholder', () => {
    const c = catalogueWith({ create: 'CREATE (a)-[r:__TYPE__]->(b)' });
    expect(c.render('create', { TYPE: 'WORKS_AT' }).text).toBe('CREATE (a)-[r:`WORKS_AT`]->(b)');
  });
  it.each(['WORKS_AT`]->(x) DETACH DELETE x //', 'lowercase', '', 'A'.repeat(65), 'Has Space'])(
    'refuses to splice %j into query text',
    (bad) => {
      const c = catalogueWith({ create: 'CREATE (a)-[r:__TYPE__]->(b)' });
      expect(() => c.render('create', { TYPE: bad })).toThrow(/Refusing/);
    },
  );
  it('refuses to render a query with an identifier missing', () => {
    expect(() => catalogueWith({ q: 'MATCH (n:__KIND__) RETURN n.id AS id' }).get('q')).toThrow(/needs identifier KIND/);
  });
  it('splits a schema file into statements without comment lines', () => {
    const c = catalogueWith({ 'schema/x': '// header\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.id);\n\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.id);\n' });
    expect(c.statements('schema/x').map((s) => s.text)).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.id)',
      'CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.id)',
    ]);
  });
});
