import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Entity } from '../../domain/entities/entity.model';
import { MetricsPeriod, type ExperienceMetrics } from '../../domain/touchpoints/experience-metrics';
import { JourneyItemKind, type JourneyItem } from '../../domain/touchpoints/experience.service';
import { TouchpointOrder, type Touchpoint, type TouchpointParticipant } from '../../domain/touchpoints/touchpoint.model';
import type { ApiContext } from '../context';
import { EntityType } from '../entities/entity.type';
import { toConnection, toNodeConnection, type ConnectionShape } from '../shared/connection';
import { PageArgsInput } from '../shared/page.args';
import { ExperienceMetricsType } from './experience-metrics.type';
import { JourneyConnection, type JourneyItemType } from './journey.type';
import { TouchpointConnection } from './touchpoint-connection.type';
import { RecordTouchpointInput, TouchpointFilterInput, UpdateTouchpointInput } from './touchpoint.input';
import { TouchpointParticipantType, TouchpointType } from './touchpoint.type';

@Resolver(() => TouchpointType)
export class TouchpointResolver {
  @Query(() => TouchpointType, { nullable: true, description: 'One touchpoint by id; null when there is none.' })
  touchpoint(
    @Arg('id', () => ID, { description: 'The id of the touchpoint.' }) id: string,
    @Ctx() ctx: ApiContext,
  ): Promise<Touchpoint | null> {
    return ctx.loaders.touchpointById.load(id);
  }

  @Query(() => TouchpointConnection, { description: 'Touchpoints matching a filter, newest first by default, a page at a time.' })
  async touchpoints(
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg('filter', () => TouchpointFilterInput, { nullable: true, description: 'Which touchpoints to list; absent: all.' })
    filter: TouchpointFilterInput | null,
    @Arg('entityId', () => ID, { nullable: true, description: 'Only touchpoints linked to this entity (participant, object or location).' })
    entityId: string | null,
    @Arg('includeMembers', () => Boolean, {
      defaultValue: false,
      description: 'With entityId: also touchpoints of its people (WORKS_AT / MEMBER_OF), while they were.',
    })
    includeMembers: boolean,
    @Arg('order', () => TouchpointOrder, { defaultValue: TouchpointOrder.NEWEST_FIRST, description: 'Sort order.' }) order: TouchpointOrder,
    @Ctx() ctx: ApiContext,
  ): Promise<ConnectionShape<{ cursor: string; node: Touchpoint }>> {
    return toNodeConnection(await ctx.services.touchpoints.list(filter, { entityId, includeMembers }, order, page));
  }

  @Query(() => JourneyConnection, {
    description:
      "An entity's journey: its touchpoints and the start and end of its relationships, interleaved in time order (oldest first). Page forward or backward.",
  })
  async journey(
    @Arg('entityId', () => ID, { description: 'The entity.' }) entityId: string,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg('from', () => String, { nullable: true, description: 'Only steps at or after this ISO-8601 instant.' }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'Only steps before this ISO-8601 instant.' }) to: string | null,
    @Arg('includeRelationships', () => Boolean, { defaultValue: true, description: 'Interleave relationship starts and ends.' })
    includeRelationships: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<ConnectionShape<{ cursor: string; node: JourneyItemType }>> {
    const journey = await ctx.services.experience.journey(entityId, { from, to, includeRelationships }, page);
    return toConnection(journey, (item, cursor) => ({ cursor, node: toJourneyItem(item) }));
  }

  @Query(() => ExperienceMetricsType, {
    description:
      'Experience metrics (counts by channel and period, sentiment and rating averages and trends, NPS, contact recency) of an entity, an organisation with its people, or a filter.',
  })
  experienceMetrics(
    @Arg('entityId', () => ID, { nullable: true, description: 'Only touchpoints linked to this entity.' }) entityId: string | null,
    @Arg('includeMembers', () => Boolean, {
      defaultValue: false,
      description: 'With entityId: also touchpoints of its people (WORKS_AT / MEMBER_OF), while they were.',
    })
    includeMembers: boolean,
    @Arg('filter', () => TouchpointFilterInput, { nullable: true, description: 'Further conditions.' }) filter: TouchpointFilterInput | null,
    @Arg('period', () => MetricsPeriod, { defaultValue: MetricsPeriod.MONTH, description: 'Bucket size of `byPeriod`.' }) period: MetricsPeriod,
    @Ctx() ctx: ApiContext,
  ): Promise<ExperienceMetrics> {
    return ctx.services.experience.metrics(filter, { entityId, includeMembers }, period);
  }

  @Mutation(() => TouchpointType, {
    description: 'Records a touchpoint. With an idempotencyKey used before, returns the touchpoint first recorded with it and writes nothing.',
  })
  recordTouchpoint(
    @Arg('input', () => RecordTouchpointInput, { description: 'The touchpoint to record.' }) input: RecordTouchpointInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Touchpoint> {
    return ctx.services.touchpoints.record(input, ctx.actor);
  }

  @Mutation(() => [TouchpointType], {
    description:
      'Records up to 1,000 touchpoints, all or nothing. When any is refused, nothing is written and the BAD_USER_INPUT error lists `itemErrors` [{index, field, code, message}].',
  })
  recordTouchpoints(
    @Arg('touchpoints', () => [RecordTouchpointInput], { description: 'The touchpoints, at most 1,000.' }) touchpoints: RecordTouchpointInput[],
    @Ctx() ctx: ApiContext,
  ): Promise<Touchpoint[]> {
    return ctx.services.touchpoints.recordMany(touchpoints, ctx.actor);
  }

  @Mutation(() => TouchpointType, { description: 'Changes a touchpoint; CONFLICT when `expectedVersion` is stale.' })
  updateTouchpoint(
    @Arg('input', () => UpdateTouchpointInput, { description: 'What to change, with the version you read.' }) input: UpdateTouchpointInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Touchpoint> {
    return ctx.services.touchpoints.update(input, ctx.actor);
  }

  @Mutation(() => TouchpointType, { description: 'Deletes a touchpoint and returns it as it was.' })
  deleteTouchpoint(
    @Arg('id', () => ID, { description: 'The touchpoint.' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'When given, CONFLICT if the touchpoint changed since.' })
    expectedVersion: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<Touchpoint> {
    return ctx.services.touchpoints.delete(id, expectedVersion, ctx.actor);
  }

  @FieldResolver(() => [EntityType], { description: 'The objects it was about (batched).' })
  async objects(@Root() t: Touchpoint, @Ctx() ctx: ApiContext): Promise<Entity[]> {
    const found = await ctx.loaders.entityById.loadMany(t.objectIds);
    return found.filter((e): e is Entity => e !== null && !(e instanceof Error));
  }

  @FieldResolver(() => EntityType, { nullable: true, description: 'Where it happened (batched).' })
  location(@Root() t: Touchpoint, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return t.locationId === null ? Promise.resolve(null) : ctx.loaders.entityById.load(t.locationId);
  }
}

@Resolver(() => TouchpointParticipantType)
export class TouchpointParticipantResolver {
  @FieldResolver(() => EntityType, { nullable: true, description: 'The participating entity (batched).' })
  entity(@Root() p: TouchpointParticipant, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return ctx.loaders.entityById.load(p.entityId);
  }
}

function toJourneyItem(item: JourneyItem): JourneyItemType {
  switch (item.kind) {
    case JourneyItemKind.TOUCHPOINT:
      return { kind: item.kind, at: item.at, touchpoint: item.touchpoint, relationship: null };
    case JourneyItemKind.RELATIONSHIP_STARTED:
    case JourneyItemKind.RELATIONSHIP_ENDED:
      return { kind: item.kind, at: item.at, touchpoint: null, relationship: item.relationship };
    default: {
      const unknown: never = item;
      throw new Error(`Unknown journey item ${JSON.stringify(unknown)}`);
    }
  }
}
