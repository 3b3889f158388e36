import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Entity } from '../../domain/entities/entity.model';
import { RelationshipDirection, type Relationship } from '../../domain/relationships/relationship.model';
import type { ApiContext } from '../context';
import { toConnection } from '../shared/connection';
import { PageArgsInput } from '../shared/page.args';
import { EntityType } from '../entities/entity.type';
import { EntityRelationshipConnection, EntityRelationshipEdge } from '../relationships/entity-relationship.type';
import { RelateInput, UpdateRelationshipInput } from './relationship.input';
import { RelationshipType } from './relationship.type';

@ArgsType()
class EntityRelationshipsArgs extends PageArgsInput {
  @Field(() => RelationshipDirection, {
    defaultValue: RelationshipDirection.BOTH,
    description:
      'OUTGOING: relationships where this entity is the source; INCOMING: where it is the target; BOTH: either. Relationships of symmetric types match any direction.',
  })
  direction!: RelationshipDirection;

  @Field(() => [String], { nullable: true, description: 'Only these relationship types.' })
  types?: string[] | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 instant: only relationships valid then.' })
  activeAt?: string | null;
}

@Resolver(() => RelationshipType)
export class RelationshipResolver {
  @Query(() => RelationshipType, { nullable: true, description: 'One relationship by id; null when there is none.' })
  relationship(
    @Arg('id', () => ID, { description: 'The id of the relationship.' }) id: string,
    @Ctx() ctx: ApiContext,
  ): Promise<Relationship | null> {
    return ctx.loaders.relationshipById.load(id);
  }

  @FieldResolver(() => EntityType, { nullable: true, description: 'The source entity.' })
  from(@Root() r: Relationship, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return ctx.loaders.entityById.load(r.fromId);
  }

  @FieldResolver(() => EntityType, { nullable: true, description: 'The target entity.' })
  to(@Root() r: Relationship, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return ctx.loaders.entityById.load(r.toId);
  }

  @Mutation(() => RelationshipType, { description: 'Relates two entities, checked against the metamodel.' })
  relate(
    @Arg('input', () => RelateInput, { description: 'The relationship to create.' }) input: RelateInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Relationship> {
    return ctx.services.relationships.relate(input, ctx.actor);
  }

  @Mutation(() => RelationshipType, { description: 'Changes a relationship; CONFLICT when `expectedVersion` is stale.' })
  updateRelationship(
    @Arg('input', () => UpdateRelationshipInput, { description: 'What to change, with the version you read.' }) input: UpdateRelationshipInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Relationship> {
    return ctx.services.relationships.update(input, ctx.actor);
  }

  @Mutation(() => RelationshipType, {
    description:
      'Ends a relationship (sets validTo, default now); it stays as history. CONFLICT when it already ended at or before `at`; BAD_USER_INPUT when `at` is not after validFrom.',
  })
  endRelationship(
    @Arg('id', () => ID, { description: 'The relationship to end; NOT_FOUND when there is none.' }) id: string,
    @Arg('at', () => String, { nullable: true, description: 'ISO-8601 instant; default now.' }) at: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'When given, CONFLICT if the relationship changed since.' })
    expectedVersion: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<Relationship> {
    return ctx.services.relationships.end(id, at, expectedVersion, ctx.actor);
  }

  @Mutation(() => RelationshipType, { description: 'Deletes a relationship for good and returns it as it was.' })
  deleteRelationship(
    @Arg('id', () => ID, { description: 'The relationship to delete; NOT_FOUND when there is none.' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'When given, CONFLICT if the relationship changed since.' })
    expectedVersion: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<Relationship> {
    return ctx.services.relationships.delete(id, expectedVersion, ctx.actor);
  }
}

@Resolver(() => EntityType)
export class EntityRelationshipsResolver {
  @FieldResolver(() => EntityRelationshipConnection, {
    description: 'Relationships of this entity, oldest first; batched across all entities of a page.',
  })
  async relationships(
    @Root() entity: Entity,
    @Args(() => EntityRelationshipsArgs) args: EntityRelationshipsArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<EntityRelationshipConnection> {
    const page = await ctx.loaders.relationshipsOf(args).load(entity.id);
    return toConnection(page, (item, cursor) => ({
      cursor,
      node: item.relationship,
      direction: item.direction,
      otherId: item.otherId,
    }));
  }
}

@Resolver(() => EntityRelationshipEdge)
export class EntityRelationshipEdgeResolver {
  @FieldResolver(() => EntityType, { nullable: true, description: 'The entity at the other end.' })
  other(@Root() edge: EntityRelationshipEdge, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return ctx.loaders.entityById.load(edge.otherId);
  }
}
