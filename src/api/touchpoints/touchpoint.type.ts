import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { PropertyValues } from '../../domain/metamodel/metamodel.types';
import { RatingScale, TouchpointDirection, type TouchpointParticipant } from '../../domain/touchpoints/touchpoint.model';
import './touchpoint-enums';

@ObjectType('TouchpointParticipant', { description: 'An entity taking part in a touchpoint, with its role.' })
export class TouchpointParticipantType {
  @Field(() => ID, { description: 'The participating entity (see `entity`).' })
  entityId!: string;

  @Field(() => String, { nullable: true, description: 'The role it played, e.g. "guest", "account manager".' })
  role!: string | null;
}

@ObjectType('Touchpoint', {
  description:
    'One interaction on one channel (e-mail, call, meeting, visit at a stand, survey …) with its participants, ' +
    'sentiment and feedback: a step of a customer journey.',
})
export class TouchpointType {
  @Field(() => ID, { description: 'Stable, sortable id (ULID).' })
  id!: string;

  @Field(() => String, { description: 'The channel, e.g. EMAIL, VISIT (see `channels`).' })
  channel!: string;

  @Field(() => TouchpointDirection, { description: 'Which way it went.' })
  direction!: TouchpointDirection;

  @Field(() => GraphQLDateTime, { description: 'When it happened.' })
  occurredAt!: string;

  @Field(() => Float, { nullable: true, description: 'How long it lasted, in minutes.' })
  durationMinutes!: number | null;

  @Field(() => String, { nullable: true, description: 'Subject line or title.' })
  subject!: string | null;

  @Field(() => String, { nullable: true, description: 'What was said or done.' })
  summary!: string | null;

  @Field(() => Float, { nullable: true, description: 'Sentiment from −1 (very negative) to 1 (very positive).' })
  sentiment!: number | null;

  @Field(() => Float, { nullable: true, description: 'The rating given, on `ratingScale`.' })
  rating!: number | null;

  @Field(() => RatingScale, { nullable: true, description: 'The scale of `rating`.' })
  ratingScale!: RatingScale | null;

  @Field(() => String, { nullable: true, description: 'What came of it, e.g. "meeting booked".' })
  outcome!: string | null;

  @Field(() => String, { nullable: true, description: 'Journey stage: AWARENESS, CONSIDERATION, PURCHASE, ONBOARDING, SERVICE, LOYALTY, ADVOCACY or a custom one.' })
  stage!: string | null;

  @Field(() => String, { nullable: true, description: 'The key it was recorded with; recording again with it returns this touchpoint.' })
  idempotencyKey!: string | null;

  @Field(() => [TouchpointParticipantType], { description: 'Who took part: at least one, at least one of them a stakeholder.' })
  participants!: TouchpointParticipant[];

  @Field(() => [ID], { description: 'Ids of the objects it was about (see `objects`).' })
  objectIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Id of the location where it happened (see `location`).' })
  locationId!: string | null;

  @Field(() => GraphQLJSONObject, { description: "Custom properties, validated against the channel's property schema." })
  properties!: PropertyValues;

  @Field(() => Int, { description: 'Increases with every change; send it back as `expectedVersion`.' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When it was recorded.' })
  createdAt!: string;

  @Field(() => GraphQLDateTime, { description: 'When it was last changed.' })
  updatedAt!: string;

  @Field(() => String, { description: 'Who recorded it.' })
  createdBy!: string;

  @Field(() => String, { description: 'Who changed it last.' })
  updatedBy!: string;
}
