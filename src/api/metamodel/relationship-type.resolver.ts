import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RelationshipType } from '../../domain/metamodel/metamodel.types';
import type { ApiContext } from '../context';
import { DefineRelationshipTypeInput, UpdateRelationshipTypeInput } from './relationship-type.input';
import { RelationshipTypeType } from './relationship-type.type';

/** Queries and mutations of relationship types: each maps its arguments to one MetamodelService call. */
@Resolver(() => RelationshipTypeType)
export class RelationshipTypeResolver {
  @Query(() => [RelationshipTypeType], { description: 'Relationship types, sorted by name.' })
  relationshipTypes(
    @Arg('includeDeprecated', () => Boolean, { defaultValue: false, description: 'Also list deprecated types.' })
    includeDeprecated: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<RelationshipType[]> {
    return ctx.services.metamodel.listRelationshipTypes({ includeDeprecated });
  }

  @Query(() => RelationshipTypeType, {
    nullable: true,
    description: 'One relationship type by name, deprecated or not; null when there is none.',
  })
  async relationshipType(
    @Arg('name', () => String, { description: "The type's name." }) name: string,
    @Ctx() ctx: ApiContext,
  ): Promise<RelationshipType | null> {
    return (await ctx.services.metamodel.findRelationshipType(name)) ?? null;
  }

  @Mutation(() => RelationshipTypeType, {
    description:
      'Defines a new relationship type. BAD_USER_INPUT for an invalid or reserved name or unknown kinds in the endpoint rules; CONFLICT when the name is taken.',
  })
  defineRelationshipType(
    @Arg('input', () => DefineRelationshipTypeInput, { description: 'The definition.' }) input: DefineRelationshipTypeInput,
    @Ctx() ctx: ApiContext,
  ): Promise<RelationshipType> {
    return ctx.services.metamodel.defineRelationshipType(input, ctx.actor);
  }

  @Mutation(() => RelationshipTypeType, {
    description:
      'Changes a relationship type. CONFLICT when `expectedVersion` is stale, or when relationships exist and the change could invalidate them.',
  })
  updateRelationshipType(
    @Arg('name', () => String, { description: 'The type to change.' }) name: string,
    @Arg('input', () => UpdateRelationshipTypeInput, { description: 'What to change, and the version you read.' }) input: UpdateRelationshipTypeInput,
    @Ctx() ctx: ApiContext,
  ): Promise<RelationshipType> {
    return ctx.services.metamodel.updateRelationshipType(name, input, ctx.actor);
  }

  @Mutation(() => RelationshipTypeType, {
    description:
      'Deprecates a relationship type (its relationships stay, no new ones are accepted), or with `deprecated: false` restores it.',
  })
  deprecateRelationshipType(
    @Arg('name', () => String, { description: 'The type to deprecate.' }) name: string,
    @Arg('deprecated', () => Boolean, { defaultValue: true, description: 'false brings the type back into service.' })
    deprecated: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<RelationshipType> {
    return ctx.services.metamodel.deprecateRelationshipType(name, deprecated, ctx.actor);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a relationship type and returns true. CONFLICT while relationships of the type exist; deprecate it instead.',
  })
  deleteRelationshipType(
    @Arg('name', () => String, { description: 'The type to delete.' }) name: string,
    @Ctx() ctx: ApiContext,
  ): Promise<boolean> {
    return ctx.services.metamodel.deleteRelationshipType(name, ctx.actor);
  }
}
