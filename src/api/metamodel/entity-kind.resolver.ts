import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { EntityKind } from '../../domain/metamodel/metamodel.types';
import type { ApiContext } from '../context';
import { DefineEntityKindInput, UpdateEntityKindInput } from './entity-kind.input';
import { EntityKindType } from './entity-kind.type';

/** Queries and mutations of entity kinds: each maps its arguments to one MetamodelService call. */
@Resolver(() => EntityKindType)
export class EntityKindResolver {
  @Query(() => [EntityKindType], { description: 'Entity kinds, sorted by name.' })
  entityKinds(
    @Arg('includeDeprecated', () => Boolean, { defaultValue: false, description: 'Also list deprecated kinds.' })
    includeDeprecated: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<EntityKind[]> {
    return ctx.services.metamodel.listKinds({ includeDeprecated });
  }

  @Query(() => EntityKindType, { nullable: true, description: 'One entity kind by name, deprecated or not; null when there is none.' })
  async entityKind(
    @Arg('name', () => String, { description: "The kind's name." }) name: string,
    @Ctx() ctx: ApiContext,
  ): Promise<EntityKind | null> {
    return (await ctx.services.metamodel.findKind(name)) ?? null;
  }

  @Mutation(() => EntityKindType, {
    description: 'Defines a new entity kind. BAD_USER_INPUT for an invalid or reserved name; CONFLICT when the name is taken.',
  })
  defineEntityKind(
    @Arg('input', () => DefineEntityKindInput, { description: 'The definition.' }) input: DefineEntityKindInput,
    @Ctx() ctx: ApiContext,
  ): Promise<EntityKind> {
    return ctx.services.metamodel.defineKind(input, ctx.actor);
  }

  @Mutation(() => EntityKindType, {
    description:
      'Changes an entity kind. CONFLICT when `expectedVersion` is stale, or when records exist and the change could invalidate them.',
  })
  updateEntityKind(
    @Arg('name', () => String, { description: 'The kind to change.' }) name: string,
    @Arg('input', () => UpdateEntityKindInput, { description: 'What to change, and the version you read.' }) input: UpdateEntityKindInput,
    @Ctx() ctx: ApiContext,
  ): Promise<EntityKind> {
    return ctx.services.metamodel.updateKind(name, input, ctx.actor);
  }

  @Mutation(() => EntityKindType, {
    description: 'Deprecates an entity kind (its records stay, no new ones are accepted), or with `deprecated: false` restores it.',
  })
  deprecateEntityKind(
    @Arg('name', () => String, { description: 'The kind to deprecate.' }) name: string,
    @Arg('deprecated', () => Boolean, { defaultValue: true, description: 'false brings the kind back into service.' })
    deprecated: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<EntityKind> {
    return ctx.services.metamodel.deprecateKind(name, deprecated, ctx.actor);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes an entity kind and returns true. CONFLICT while records of the kind exist or relationship types name it; deprecate it instead.',
  })
  deleteEntityKind(
    @Arg('name', () => String, { description: 'The kind to delete.' }) name: string,
    @Ctx() ctx: ApiContext,
  ): Promise<boolean> {
    return ctx.services.metamodel.deleteKind(name, ctx.actor);
  }
}
