/**
 * The path queries (shortestPath, allShortestPaths, connectionPaths) honour the same filters as
 * a neighbourhood: relationshipTypes, direction, kinds/categories of the entities passed through
 * (the ends are exempt) and activeAt — on both traversal implementations (Grafeo's native one
 * and portable Cypher), which must give equal answers.
 */
import type { GraphPath } from '../../../src/domain/network/network.model';
import { NetworkService } from '../../../src/domain/network/network.service';
import { Category } from '../../../src/domain/metamodel/metamodel.types';
import { RelationshipDirection } from '../../../src/domain/relationships/relationship.model';
import { CypherTraversal } from '../../../src/graph/cypher.traversal';
import { traversalFor } from '../../../src/graph/open-traversal';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { openNetworkTestBed, type NetworkTestBed } from '../../support/network/network-services';

const run = `pf${Date.now().toString(36)}`;
let bed: NetworkTestBed;
const services: Record<'native' | 'cypher', NetworkService> = {} as Record<'native' | 'cypher', NetworkService>;
const id: Record<string, string> = {};

const LIMITS = { maxTraversalDepth: 3, maxTraversalNodes: 10_000, maxPathDepth: 8 };
const WEIGHTS = { explicit: 1, touchpoints: 0, defaultStrength: 0.5 };

/**
 *   ann ─WORKS_AT→ acme ←WORKS_AT─ bob                      (through an organisation, mixed directions)
 *   ann ─REPORTS_TO→ carl ─REPORTS_TO→ dave ─REPORTS_TO→ bob (people only, all forward)
 *   eve ─KNOWS→ ann (valid until 2021), bob ─KNOWS→ eve      (KNOWS is symmetric)
 */
beforeAll(async () => {
  bed = await openNetworkTestBed();
  const catalogue = new QueryCatalogue();
  const { entities, relationships, metamodel } = bed.services;
  for (const name of ['ann', 'bob', 'carl', 'dave', 'eve']) id[name] = (await entities.create({ kind: 'Person', name: `${run} ${name}` }, 'test')).id;
  id.acme = (await entities.create({ kind: 'Organization', name: `${run} acme` }, 'test')).id;
  const relate = async (type: string, from: string, to: string, extra: { validTo?: string } = {}) => {
    id[`${from}-${to}`] = (await relationships.relate({ type, fromId: id[from]!, toId: id[to]!, ...extra }, 'test')).id;
  };
  await relate('WORKS_AT', 'ann', 'acme');
  await relate('WORKS_AT', 'bob', 'acme');
  await relate('REPORTS_TO', 'ann', 'carl');
  await relate('REPORTS_TO', 'carl', 'dave');
  await relate('REPORTS_TO', 'dave', 'bob');
  await relate('KNOWS', 'eve', 'ann', { validTo: '2021-01-01T00:00:00Z' });
  await relate('KNOWS', 'bob', 'eve');
  services.native = new NetworkService(bed.engine, catalogue, metamodel, entities, LIMITS, WEIGHTS, traversalFor(bed.engine, catalogue));
  services.cypher = new NetworkService(bed.engine, catalogue, metamodel, entities, LIMITS, WEIGHTS, new CypherTraversal(bed.engine, catalogue));
});
afterAll(() => bed.close());

const names = (path: GraphPath | null) => path?.nodeIds.map((x) => Object.keys(id).find((k) => id[k] === x) ?? x) ?? null;
const LATER = '2025-06-01T00:00:00Z';

describe.each(['native', 'cypher'] as const)('path filters (%s traversal)', (mode) => {
  const net = () => services[mode];

  it('picks the right implementation', () => {
    expect(net().traversal.mode).toBe(mode === 'native' ? 'grafeo-native' : 'cypher');
  });

  it('without filters, finds every shortest path whatever the kinds and directions', async () => {
    const all = await net().allShortestPaths({ from: id.ann!, to: id.bob! });
    expect(all.map(names).sort()).toEqual([
      ['ann', 'acme', 'bob'],
      ['ann', 'eve', 'bob'],
    ]);
  });

  it('activeAt drops relationships not valid then', async () => {
    const all = await net().allShortestPaths({ from: id.ann!, to: id.bob!, activeAt: LATER });
    expect(all.map(names)).toEqual([['ann', 'acme', 'bob']]);
  });

  it('kinds restrict the entities passed through, never the ends', async () => {
    expect((await net().allShortestPaths({ from: id.ann!, to: id.bob!, kinds: ['Person'] })).map(names)).toEqual([['ann', 'eve', 'bob']]);
    expect(names(await net().shortestPath({ from: id.ann!, to: id.bob!, kinds: ['Person'], activeAt: LATER }))).toEqual(['ann', 'carl', 'dave', 'bob']);
    expect(names(await net().shortestPath({ from: id.ann!, to: id.bob!, kinds: ['Organization'] }))).toEqual(['ann', 'acme', 'bob']);
  });

  it('categories restrict the entities passed through', async () => {
    expect(await net().shortestPath({ from: id.ann!, to: id.bob!, categories: [Category.OBJECT] })).toBeNull();
    expect(await net().allShortestPaths({ from: id.ann!, to: id.bob!, categories: [Category.STAKEHOLDER] })).toHaveLength(2);
  });

  it('direction OUTGOING follows directed types from source to target only; symmetric types count either way', async () => {
    expect((await net().allShortestPaths({ from: id.ann!, to: id.bob!, direction: RelationshipDirection.OUTGOING })).map(names)).toEqual([
      ['ann', 'eve', 'bob'],
    ]);
    const later = await net().shortestPath({ from: id.ann!, to: id.bob!, direction: RelationshipDirection.OUTGOING, activeAt: LATER });
    expect(names(later)).toEqual(['ann', 'carl', 'dave', 'bob']);
    expect(later?.edges.map((e) => e.direction)).toEqual(['FORWARD', 'FORWARD', 'FORWARD']);
  });

  it('direction INCOMING walks every hop against the stored direction', async () => {
    expect(await net().shortestPath({ from: id.ann!, to: id.bob!, direction: RelationshipDirection.INCOMING, activeAt: LATER })).toBeNull();
    const back = await net().shortestPath({ from: id.bob!, to: id.ann!, direction: RelationshipDirection.INCOMING, activeAt: LATER });
    expect(names(back)).toEqual(['bob', 'dave', 'carl', 'ann']);
    expect(back?.edges.map((e) => e.direction)).toEqual(['BACKWARD', 'BACKWARD', 'BACKWARD']);
  });

  it('relationshipTypes restrict the relationships followed', async () => {
    expect(names(await net().shortestPath({ from: id.ann!, to: id.bob!, relationshipTypes: ['REPORTS_TO'] }))).toEqual(['ann', 'carl', 'dave', 'bob']);
    expect(await net().shortestPath({ from: id.ann!, to: id.bob!, relationshipTypes: ['REPORTS_TO'], maxDepth: 2 })).toBeNull();
  });

  it('connectionPaths honours direction, kinds and activeAt', async () => {
    const both = await net().connectionPaths({ from: id.ann!, to: id.bob!, activeAt: LATER });
    expect(both.map(names)).toEqual([
      ['ann', 'acme', 'bob'],
      ['ann', 'carl', 'dave', 'bob'],
    ]);
    const outgoing = await net().connectionPaths({ from: id.ann!, to: id.bob!, activeAt: LATER, direction: RelationshipDirection.OUTGOING });
    expect(outgoing.map(names)).toEqual([['ann', 'carl', 'dave', 'bob']]);
    const people = await net().connectionPaths({ from: id.ann!, to: id.bob!, kinds: ['Person'] });
    expect(people.map(names)).toEqual([
      ['ann', 'eve', 'bob'],
      ['ann', 'carl', 'dave', 'bob'],
    ]);
    const incoming = await net().connectionPaths({ from: id.bob!, to: id.ann!, activeAt: LATER, direction: RelationshipDirection.INCOMING });
    expect(incoming.map(names)).toEqual([['bob', 'dave', 'carl', 'ann']]);
  });
});
