import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Booking } from '../../domain/bookings/booking.model';
import type { Entity } from '../../domain/entities/entity.model';
import type { BookingSummary, EntityViewRelationship, KeyNeighbour, RelationshipGroup } from '../../domain/entity-view/entity-view.model';
import type { Relationship } from '../../domain/relationships/relationship.model';
import { RelationshipDirection } from '../../domain/relationships/relationship.model';
import type { ExperienceMetrics } from '../../domain/touchpoints/experience-metrics';
import type { Touchpoint } from '../../domain/touchpoints/touchpoint.model';
import { BookingType } from '../bookings/booking.type';
import { EntityType } from '../entities/entity.type';
import { RelationshipType } from '../relationships/relationship.type';
import { ExperienceMetricsType } from '../touchpoints/experience-metrics.type';
import { TouchpointType } from '../touchpoints/touchpoint.type';

@ArgsType()
export class EntityViewArgs {
  @Field(() => ID, { description: 'The entity to view.' })
  id!: string;

  @Field(() => Int, { defaultValue: 5, description: 'Relationships returned per type (0 to MAX_PAGE_SIZE).' })
  relationshipsPerType!: number;

  @Field(() => Int, { defaultValue: 5, description: 'Key neighbours returned (0 to MAX_PAGE_SIZE).' })
  keyNeighbours!: number;

  @Field(() => Int, { defaultValue: 10, description: 'Recent touchpoints returned (0 to MAX_PAGE_SIZE).' })
  recentTouchpoints!: number;

  @Field(() => Int, { defaultValue: 10, description: 'Bookings returned per role, as resource and as booker (0 to MAX_PAGE_SIZE).' })
  bookings!: number;
}

@ObjectType('EntityViewRelationship', { description: 'A relationship seen from the viewed entity, with the entity at the other end.' })
export class EntityViewRelationshipType {
  @Field(() => RelationshipType, { description: 'The relationship.' })
  relationship!: Relationship;

  @Field(() => RelationshipDirection, { description: 'OUTGOING when the viewed entity is the source.' })
  direction!: RelationshipDirection;

  @Field(() => EntityType, { description: 'The entity at the other end (fetched with the relationship: no extra engine call).' })
  other!: Entity;
}

@ObjectType('RelationshipGroup', { description: 'The relationships of one type: how many in all and the first few, oldest first.' })
export class RelationshipGroupType {
  @Field(() => String, { description: 'The relationship type.' })
  type!: string;

  @Field(() => Int, { description: 'How many relationships of this type the entity has (ended ones included).' })
  totalCount!: number;

  @Field(() => [EntityViewRelationshipType], { description: 'The first `relationshipsPerType`, oldest first.' })
  relationships!: EntityViewRelationship[];
}

@ObjectType('KeyNeighbour', { description: 'A directly related entity, by the strength of its strongest relationship.' })
export class KeyNeighbourType {
  @Field(() => EntityType, { description: 'The directly related entity.' })
  entity!: Entity;

  @Field(() => Float, { description: 'Relationship strength, 0 to 1 (see docs/network.md).' })
  strength!: number;

  @Field(() => Int, { description: 'How many relationships link the two.' })
  relationshipCount!: number;
}

@ObjectType('BookingSummary', { description: 'Active bookings of one role: how many in all and the latest-starting few.' })
export class BookingSummaryType {
  @Field(() => Int, { description: 'How many active bookings the entity has in this role, not only those listed.' })
  totalCount!: number;

  @Field(() => [BookingType], { description: 'Latest start first.' })
  bookings!: Booking[];
}

@ObjectType('EntityView', { description: 'The 360° view of one entity, fetched in at most three engine round trips.' })
export class EntityViewType {
  @Field(() => EntityType, { description: 'The viewed entity itself.' })
  entity!: Entity;

  @Field(() => [RelationshipGroupType], { description: 'Relationships grouped by type, by type name.' })
  relationshipGroups!: RelationshipGroup[];

  @Field(() => [KeyNeighbourType], { description: 'Directly related entities, strongest first.' })
  keyNeighbours!: KeyNeighbour[];

  @Field(() => Int, { description: 'How many touchpoints are linked to the entity (participant, object or location).' })
  touchpointCount!: number;

  @Field(() => [TouchpointType], { description: 'The most recent touchpoints, newest first.' })
  recentTouchpoints!: Touchpoint[];

  @Field(() => ExperienceMetricsType, { description: 'Experience metrics over every touchpoint linked to the entity (monthly buckets).' })
  experience!: ExperienceMetrics;

  @Field(() => BookingSummaryType, { description: 'Active bookings of the entity as the booked resource.' })
  asResource!: BookingSummary;

  @Field(() => BookingSummaryType, { description: 'Active bookings made for the entity.' })
  asBooker!: BookingSummary;
}
