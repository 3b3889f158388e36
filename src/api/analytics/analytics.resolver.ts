import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Entity } from '../../domain/entities/entity.model';
import { AnalyticsAlgorithm, type CentralityMetric, type NodeGroup } from '../../domain/analytics/analytics.model';
import type { GroupPage, ScorePage } from '../../domain/analytics/analytics.service';
import type { ApiContext } from '../context';
import { EntityType } from '../entities/entity.type';
import { toConnection } from '../shared/connection';
import { PageArgsInput } from '../shared/page.args';
import {
  AnalyticsScopeInput,
  CentralityConnection,
  CentralityMetricInput,
  CentralityScoreType,
  EntityGroupConnection,
  EntityGroupType,
} from './analytics.types';

const METRICS: Record<CentralityMetricInput, CentralityMetric> = {
  [CentralityMetricInput.DEGREE]: AnalyticsAlgorithm.DEGREE,
  [CentralityMetricInput.PAGERANK]: AnalyticsAlgorithm.PAGERANK,
  [CentralityMetricInput.BETWEENNESS]: AnalyticsAlgorithm.BETWEENNESS,
  [CentralityMetricInput.CLOSENESS]: AnalyticsAlgorithm.CLOSENESS,
};

/** The description of every analytics `scope` argument. */
const SCOPE =
  'The part of the graph to compute on; absent: the whole graph. BAD_USER_INPUT when it holds more than ANALYTICS_MAX_NODES entities; NOT_FOUND for an unknown `aroundId`.';

@Resolver()
export class AnalyticsResolver {
  @Query(() => CentralityConnection, {
    description:
      'Entities ranked by a centrality measure, highest first, on the whole graph or a scope. Computed off the event loop and cached until the graph changes; BAD_USER_INPUT when the scope exceeds ANALYTICS_MAX_NODES or the time budget.',
  })
  async centrality(
    @Arg('metric', () => CentralityMetricInput, { description: 'The centrality measure to rank by.' }) metric: CentralityMetricInput,
    @Arg('scope', () => AnalyticsScopeInput, { nullable: true, description: SCOPE }) scope: AnalyticsScopeInput | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: ApiContext,
  ): Promise<CentralityConnection> {
    return toScoreConnection(await ctx.services.analytics.centrality(METRICS[metric], scope, page));
  }

  @Query(() => EntityGroupConnection, { description: 'Louvain communities, largest first, with the modularity of the partition.' })
  async communities(
    @Arg('scope', () => AnalyticsScopeInput, { nullable: true, description: SCOPE }) scope: AnalyticsScopeInput | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: ApiContext,
  ): Promise<EntityGroupConnection> {
    return toGroupConnection(await ctx.services.analytics.communities(scope, page));
  }

  @Query(() => EntityGroupConnection, { description: 'Connected components (relationships in either direction), largest first.' })
  async connectedComponents(
    @Arg('scope', () => AnalyticsScopeInput, { nullable: true, description: SCOPE }) scope: AnalyticsScopeInput | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: ApiContext,
  ): Promise<EntityGroupConnection> {
    return toGroupConnection(await ctx.services.analytics.components(scope, page));
  }
}

@Resolver(() => CentralityScoreType)
export class CentralityScoreResolver {
  @FieldResolver(() => EntityType, { nullable: true, description: 'The entity (batched).' })
  entity(@Root() score: CentralityScoreType, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return ctx.loaders.entityById.load(score.entityId);
  }
}

@Resolver(() => EntityGroupType)
export class EntityGroupResolver {
  @FieldResolver(() => [EntityType], { description: 'The first members (batched), in id order.' })
  async members(
    @Root() group: EntityGroupType,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many members (at most 100).' }) first: number,
    @Ctx() ctx: ApiContext,
  ): Promise<Entity[]> {
    const ids = group.memberIds.slice(0, Math.max(0, Math.min(first, 100)));
    const loaded = await ctx.loaders.entityById.loadMany(ids);
    return loaded.filter((e): e is Entity => e !== null && !(e instanceof Error));
  }
}

function meta(p: ScorePage | GroupPage) {
  return { nodeCount: p.result.nodeCount, edgeCount: p.result.edgeCount, graphVersion: p.result.graphVersion, computedAt: p.result.computedAt };
}

function toScoreConnection(p: ScorePage): CentralityConnection {
  const c = toConnection(p.page, (s, cursor) => ({ cursor, node: { entityId: s.id, score: s.score, rank: s.rank } }));
  return { ...meta(p), ...c };
}

function toGroupConnection(p: GroupPage): EntityGroupConnection {
  const c = toConnection(p.page, (g: NodeGroup, cursor) => ({ cursor, node: { index: g.index, size: g.members.length, memberIds: g.members } }));
  return { ...meta(p), ...c, modularity: p.modularity };
}
