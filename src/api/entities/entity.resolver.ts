import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Entity } from '../../domain/entities/entity.model';
import type { ApiContext } from '../context';
import { PageArgsInput } from '../shared/page.args';
import { toNodeConnection, type ConnectionShape } from '../shared/connection';
import { EntityConnection } from './entity-connection.type';
import { EntityFilterInput, EntitySortInput } from './entity-filter.input';
import { CreateEntityInput, UpdateEntityInput } from './entity.input';
import { EntityType } from './entity.type';

@Resolver(() => EntityType)
export class EntityResolver {
  @Query(() => EntityType, { nullable: true, description: 'One entity by id; null when there is none.' })
  entity(@Arg('id', () => ID, { description: 'The id of the entity.' }) id: string, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return ctx.loaders.entityById.load(id);
  }

  @Query(() => EntityConnection, { description: 'Entities matching a filter, a page at a time.' })
  async entities(
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg('filter', () => EntityFilterInput, {
      nullable: true,
      description: 'Which entities to list; absent: all. BAD_USER_INPUT for an unknown kind or property.',
    })
    filter: EntityFilterInput | null,
    @Arg('sort', () => EntitySortInput, {
      nullable: true,
      description: 'The order of the list; absent: by name (case-insensitive), ascending, ties by id.',
    })
    sort: EntitySortInput | null,
    @Ctx() ctx: ApiContext,
  ): Promise<ConnectionShape<{ cursor: string; node: Entity }>> {
    return toNodeConnection(await ctx.services.entities.list(filter, sort, page));
  }

  @Mutation(() => EntityType, { description: 'Creates an entity of a registered kind.' })
  createEntity(
    @Arg('input', () => CreateEntityInput, { description: 'The entity to create.' }) input: CreateEntityInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Entity> {
    return ctx.services.entities.create(input, ctx.actor);
  }

  @Mutation(() => EntityType, { description: 'Changes an entity; refused with CONFLICT when `expectedVersion` is stale.' })
  updateEntity(
    @Arg('input', () => UpdateEntityInput, { description: 'What to change, with the version you read.' }) input: UpdateEntityInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Entity> {
    return ctx.services.entities.update(input, ctx.actor);
  }

  @Mutation(() => EntityType, {
    description:
      'Deletes an entity and returns it as it was. Refused with CONFLICT while it has relationships, unless `detach` is true.',
  })
  deleteEntity(
    @Arg('id', () => ID, { description: 'The entity to delete; NOT_FOUND when there is none.' }) id: string,
    @Arg('detach', () => Boolean, { defaultValue: false, description: 'Also delete its relationships.' }) detach: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<Entity> {
    return ctx.services.entities.delete(id, { detach }, ctx.actor);
  }
}
