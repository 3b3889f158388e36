import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { Entity } from '../../domain/entities/entity.model';
import type {
  CommonConnection,
  GraphPath,
  Neighbourhood,
  NeighbourhoodEdge,
  NeighbourhoodNode,
  PathEdge,
} from '../../domain/network/network.model';
import type { Relationship } from '../../domain/relationships/relationship.model';
import type { ApiContext } from '../context';
import { selectsAny } from '../shared/selection';
import { EntityType } from '../entities/entity.type';
import { RelationshipType } from '../relationships/relationship.type';
import { AllPathsArgs, CommonConnectionsArgs, ConnectionPathsArgs, IntroductionPathArgs, NeighbourhoodArgs, PathArgs } from './network.args';
import { CommonConnectionType, NeighbourhoodEdgeType, NeighbourhoodNodeType, NeighbourhoodType, PathEdgeType, PathType } from './network.types';

@Resolver()
export class NetworkResolver {
  @Query(() => NeighbourhoodType, {
    description: 'The entities around one entity up to `depth` hops, with the relationships among them. BAD_USER_INPUT past the depth limit.',
  })
  async neighbourhood(@Args(() => NeighbourhoodArgs) args: NeighbourhoodArgs, @Ctx() ctx: ApiContext, @Info() info: GraphQLResolveInfo): Promise<Neighbourhood> {
    const answer = await ctx.services.network.neighbourhood({ ...args, withSummaries: selectsAny(info, ['nodes'], NODE_LABELS) });
    // The labels as plain properties: hundreds of nodes then need no resolver call per label.
    return { ...answer, nodes: answer.nodes.map((node) => (node.summary ? { ...node, kind: node.summary.kind, category: node.summary.category, name: node.summary.name } : node)) };
  }

  @Query(() => PathType, { nullable: true, description: 'A shortest path (fewest hops, any direction); null when none within maxDepth.' })
  shortestPath(@Args(() => PathArgs) args: PathArgs, @Ctx() ctx: ApiContext): Promise<GraphPath | null> {
    return ctx.services.network.shortestPath(args);
  }

  @Query(() => [PathType], { description: 'Every shortest path (up to `limit`), in a stable order.' })
  allShortestPaths(@Args(() => AllPathsArgs) args: AllPathsArgs, @Ctx() ctx: ApiContext): Promise<GraphPath[]> {
    return ctx.services.network.allShortestPaths(args);
  }

  @Query(() => [PathType], {
    description: 'The k shortest simple paths of at most 4 hops, shortest first: "how is A connected to B" beyond the direct route.',
  })
  connectionPaths(@Args(() => ConnectionPathsArgs) args: ConnectionPathsArgs, @Ctx() ctx: ApiContext): Promise<GraphPath[]> {
    return ctx.services.network.connectionPaths(args);
  }

  @Query(() => PathType, {
    nullable: true,
    description: 'The warm-introduction route: the path whose product of relationship strengths is highest, with each hop\'s strength.',
  })
  introductionPath(@Args(() => IntroductionPathArgs) args: IntroductionPathArgs, @Ctx() ctx: ApiContext): Promise<GraphPath | null> {
    return ctx.services.network.introductionPath(args);
  }

  @Query(() => [CommonConnectionType], { description: 'Entities directly related to both `a` and `b`, by name.' })
  commonConnections(@Args(() => CommonConnectionsArgs) args: CommonConnectionsArgs, @Ctx() ctx: ApiContext): Promise<CommonConnection[]> {
    return ctx.services.network.commonConnections(args);
  }
}

/** The fields of a neighbourhood node that come from its summary (NeighbourhoodNode.summary), as plain properties. */
const NODE_LABELS: ReadonlySet<string> = new Set(['kind', 'category', 'name']);

@Resolver(() => NeighbourhoodNodeType)
export class NeighbourhoodNodeResolver {
  @FieldResolver(() => EntityType, { nullable: true, description: 'The entity (batched: one engine call for all nodes).' })
  entity(@Root() node: NeighbourhoodNode, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return ctx.loaders.entityById.load(node.id);
  }
}

@Resolver(() => NeighbourhoodEdgeType)
export class NeighbourhoodEdgeResolver {
  @FieldResolver(() => RelationshipType, { nullable: true, description: 'The full relationship (batched).' })
  relationship(@Root() edge: NeighbourhoodEdge, @Ctx() ctx: ApiContext): Promise<Relationship | null> {
    return ctx.loaders.relationshipById.load(edge.id);
  }
}

@Resolver(() => PathType)
export class PathResolver {
  @FieldResolver(() => [EntityType], { description: 'The entities along the path, in order (batched).' })
  async nodes(@Root() path: GraphPath, @Ctx() ctx: ApiContext): Promise<(Entity | null)[]> {
    const loaded = await ctx.loaders.entityById.loadMany(path.nodeIds);
    return loaded.map((e) => (e instanceof Error ? null : e));
  }
}

@Resolver(() => PathEdgeType)
export class PathEdgeResolver {
  @FieldResolver(() => RelationshipType, { nullable: true, description: 'The relationship of this hop (batched).' })
  relationship(@Root() edge: PathEdge, @Ctx() ctx: ApiContext): Promise<Relationship | null> {
    return ctx.loaders.relationshipById.load(edge.relationshipId);
  }
}

@Resolver(() => EntityType)
export class EntityStrengthResolver {
  @FieldResolver(() => Float, {
    description:
      'Strength of the link between this entity and `otherId`, from 0 (not directly related) to 1: the strongest direct relationship by the formula in docs/network.md. Batched across entities.',
  })
  relationshipStrength(
    @Root() entity: Entity,
    @Arg('otherId', () => ID, { description: 'The entity at the other end; an unknown id gives 0.' }) otherId: string,
    @Arg('activeAt', () => String, { nullable: true, description: 'ISO-8601 instant: only relationships valid then.' }) activeAt: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<number> {
    return ctx.loaders.relationshipStrength(activeAt).load([entity.id, otherId]);
  }
}
