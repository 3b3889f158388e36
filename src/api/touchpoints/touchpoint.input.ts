import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { RatingScale, TouchpointDirection } from '../../domain/touchpoints/touchpoint.model';
import './touchpoint-enums';

@InputType({ description: 'An entity taking part in a touchpoint.' })
export class TouchpointParticipantInput {
  @Field(() => ID, { description: 'An existing entity.' })
  entityId!: string;

  @Field(() => String, { nullable: true, description: 'The role it played, e.g. "guest".' })
  role?: string | null;
}

@InputType({ description: 'A new touchpoint.' })
export class RecordTouchpointInput {
  @Field(() => String, { description: 'A registered channel, e.g. EMAIL (see `channels`).' })
  channel!: string;

  @Field(() => TouchpointDirection, { description: 'Which way it went.' })
  direction!: TouchpointDirection;

  @Field(() => String, { description: 'When it happened: ISO-8601 date-time with a time zone.' })
  occurredAt!: string;

  @Field(() => Float, { nullable: true, description: 'Duration in minutes (0 to 525600).' })
  durationMinutes?: number | null;

  @Field(() => String, { nullable: true, description: 'Subject line or title (at most 500 characters).' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'What was said or done.' })
  summary?: string | null;

  @Field(() => Float, { nullable: true, description: '−1 to 1.' })
  sentiment?: number | null;

  @Field(() => Float, { nullable: true, description: 'A rating within the range of `ratingScale`.' })
  rating?: number | null;

  @Field(() => RatingScale, { nullable: true, description: 'Required with `rating`.' })
  ratingScale?: RatingScale | null;

  @Field(() => String, { nullable: true, description: 'What came of it.' })
  outcome?: string | null;

  @Field(() => String, { nullable: true, description: 'Journey stage, UPPER_SNAKE_CASE: a standard one (AWARENESS … ADVOCACY) or custom.' })
  stage?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Your key for this touchpoint: recording again with the same key returns the first result and writes nothing.',
  })
  idempotencyKey?: string | null;

  @Field(() => [TouchpointParticipantInput], { description: 'At least one; at least one of them a stakeholder.' })
  participants!: TouchpointParticipantInput[];

  @Field(() => [ID], { nullable: true, description: 'Objects it was about.' })
  objectIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The location where it happened.' })
  locationId?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Custom properties, checked against the channel's property schema." })
  properties?: Record<string, unknown> | null;
}

@InputType({ description: 'Changes to a touchpoint. Fields left out stay; null clears; lists replace.' })
export class UpdateTouchpointInput {
  @Field(() => ID, { description: 'The touchpoint to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; CONFLICT when it changed since.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'A registered channel.' })
  channel?: string | null;

  @Field(() => TouchpointDirection, { nullable: true, description: 'Which way it went.' })
  direction?: TouchpointDirection | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 date-time with a time zone.' })
  occurredAt?: string | null;

  @Field(() => Float, { nullable: true, description: 'Duration in minutes.' })
  durationMinutes?: number | null;

  @Field(() => String, { nullable: true, description: 'Subject line or title.' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'What was said or done.' })
  summary?: string | null;

  @Field(() => Float, { nullable: true, description: '−1 to 1.' })
  sentiment?: number | null;

  @Field(() => Float, { nullable: true, description: 'A rating within the range of the (new or current) scale.' })
  rating?: number | null;

  @Field(() => RatingScale, { nullable: true, description: 'The scale of the rating.' })
  ratingScale?: RatingScale | null;

  @Field(() => String, { nullable: true, description: 'What came of it.' })
  outcome?: string | null;

  @Field(() => String, { nullable: true, description: 'Journey stage.' })
  stage?: string | null;

  @Field(() => [TouchpointParticipantInput], { nullable: true, description: 'Replaces the participants.' })
  participants?: TouchpointParticipantInput[] | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the objects.' })
  objectIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Replaces the location; null removes it.' })
  locationId?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Properties to set; a null value removes one.' })
  properties?: Record<string, unknown> | null;
}

@InputType({ description: 'Which touchpoints: every given condition must hold.' })
export class TouchpointFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Involving any of these entities as participant.' })
  participantIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'On one of these channels.' })
  channels?: string[] | null;

  @Field(() => [TouchpointDirection], { nullable: true, description: 'In one of these directions.' })
  directions?: TouchpointDirection[] | null;

  @Field(() => String, { nullable: true, description: 'Occurred at or after this ISO-8601 instant.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Occurred before this ISO-8601 instant.' })
  to?: string | null;

  @Field(() => Float, { nullable: true, description: 'Sentiment at least this (−1 to 1).' })
  minSentiment?: number | null;

  @Field(() => Float, { nullable: true, description: 'Sentiment at most this (−1 to 1).' })
  maxSentiment?: number | null;

  @Field(() => [String], { nullable: true, description: 'In one of these journey stages.' })
  stages?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Happened at this location.' })
  locationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Was about this object.' })
  objectId?: string | null;
}
