import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Category } from '../../domain/metamodel/metamodel.types';
import '../metamodel/category.enum';
import { PageInfo } from '../shared/page-info.type';

/** The centrality measures, as the API names them. */
export enum CentralityMetricInput {
  DEGREE = 'DEGREE',
  PAGERANK = 'PAGERANK',
  BETWEENNESS = 'BETWEENNESS',
  CLOSENESS = 'CLOSENESS',
}

registerEnumType(CentralityMetricInput, {
  name: 'CentralityMetric',
  description: 'A centrality measure, computed on the scope read as an undirected simple graph.',
  valuesConfig: {
    DEGREE: { description: 'Number of distinct entities directly related.' },
    PAGERANK: { description: 'PageRank (damping 0.85); scores sum to 1 over the scope.' },
    BETWEENNESS: { description: 'Share of shortest paths passing through the entity, normalised by (n-1)(n-2)/2.' },
    CLOSENESS: { description: 'Closeness (Wasserman–Faust, so disconnected scopes compare fairly).' },
  },
});

@InputType({ description: 'The part of the graph analytics compute on; empty: the whole graph.' })
export class AnalyticsScopeInput {
  @Field(() => [String], { nullable: true, description: 'Only entities of these kinds.' })
  kinds?: string[] | null;

  @Field(() => [Category], { nullable: true, description: 'Only entities of these categories.' })
  categories?: Category[] | null;

  @Field(() => [String], { nullable: true, description: 'Only relationships of these types.' })
  relationshipTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 instant: only relationships valid then.' })
  activeAt?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the neighbourhood of this entity …' })
  aroundId?: string | null;

  @Field(() => Int, { nullable: true, description: '… up to this many hops (default 2).' })
  depth?: number | null;
}

@ObjectType('CentralityScore', { description: 'An entity with its score and rank.' })
export class CentralityScoreType {
  @Field(() => ID, { description: 'The id of the scored entity (see `entity`).' })
  entityId!: string;

  @Field(() => Float, { description: 'The value of the measure for this entity; its scale depends on the metric (see CentralityMetric).' })
  score!: number;

  @Field(() => Int, { description: '1 for the highest score.' })
  rank!: number;
}

@ObjectType('CentralityScoreEdge', { description: 'One score in a page, with its cursor.' })
export class CentralityScoreEdge {
  @Field(() => String, { description: 'Opaque position of this score; page on from it with `after`.' })
  cursor!: string;

  @Field(() => CentralityScoreType, { description: 'The entity and its score.' })
  node!: CentralityScoreType;
}

@ObjectType()
abstract class AnalyticsMeta {
  @Field(() => Int, { description: 'Entities in the projection computed on.' })
  nodeCount!: number;

  @Field(() => Int, { description: 'Relationships in the projection computed on.' })
  edgeCount!: number;

  @Field(() => Int, { description: 'The graph version the result belongs to; a change to the graph makes a new one.' })
  graphVersion!: number;

  @Field(() => String, { description: 'When the result was computed (ISO-8601); results are cached until the graph changes.' })
  computedAt!: string;

  @Field(() => PageInfo, {
    description: 'Whether more results follow, and the cursors at the ends of this page. Analytics page forward only: `last`/`before` give BAD_USER_INPUT.',
  })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many items there are in all, across every page.' })
  totalCount!: number;
}

@ObjectType('CentralityConnection', { description: 'A page of centrality scores, highest first.' })
export class CentralityConnection extends AnalyticsMeta {
  @Field(() => [CentralityScoreEdge], { description: 'The scores of this page, highest first (equal scores by entity id).' })
  edges!: CentralityScoreEdge[];
}

@ObjectType('EntityGroup', { description: 'A community or a connected component.' })
export class EntityGroupType {
  @Field(() => Int, { description: '0-based position, by decreasing size.' })
  index!: number;

  @Field(() => Int, { description: 'Number of members.' })
  size!: number;

  @Field(() => [ID], { description: 'Ids of the members, sorted.' })
  memberIds!: string[];
}

@ObjectType('EntityGroupEdge', { description: 'One group in a page, with its cursor.' })
export class EntityGroupEdge {
  @Field(() => String, { description: 'Opaque position of this group; page on from it with `after`.' })
  cursor!: string;

  @Field(() => EntityGroupType, { description: 'The group.' })
  node!: EntityGroupType;
}

@ObjectType('EntityGroupConnection', { description: 'A page of groups (communities or components), largest first.' })
export class EntityGroupConnection extends AnalyticsMeta {
  @Field(() => [EntityGroupEdge], { description: 'The groups of this page, largest first (equal sizes by smallest member id).' })
  edges!: EntityGroupEdge[];

  @Field(() => Float, { nullable: true, description: 'Modularity of the partition (communities only).' })
  modularity!: number | null;
}
