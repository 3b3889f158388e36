import { Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType('EntityChangeFilter', { description: 'Which entity changes to deliver; empty or absent lists match everything.' })
export class EntityChangeFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Only these entities.' })
  ids?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only entities of these kinds, e.g. Person, Room.' })
  kinds?: string[] | null;
}

@InputType('RelationshipChangeFilter', { description: 'Which relationship changes to deliver; empty or absent lists match everything.' })
export class RelationshipChangeFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Only relationships with one of these ids, or from or to one of these entities.' })
  ids?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only relationships of these types, e.g. WORKS_AT.' })
  types?: string[] | null;
}

@InputType('NetworkScopeInput', { description: 'The network around one entity, resolved when each change arrives.' })
export class NetworkScopeInput {
  @Field(() => ID, { description: 'The entity at the centre.' })
  id!: string;

  @Field(() => Int, { defaultValue: 1, description: 'Hops from the centre: 1 or 2.' })
  depth!: number;

  @Field(() => [String], { nullable: true, description: 'Only follow relationships of these types; absent: all.' })
  types?: string[] | null;
}

@InputType('TouchpointRecordedFilter', { description: 'Which touchpoints to deliver; every condition given must hold.' })
export class TouchpointRecordedFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Only touchpoints involving one of these entities.' })
  participantIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these channels (EMAIL, PHONE, MEETING …).' })
  channels?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only touchpoints with a participant of one of these kinds.' })
  participantKinds?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Only touchpoints with a sentiment at or above this.' })
  minSentiment?: number | null;

  @Field(() => Float, { nullable: true, description: 'Only touchpoints with a sentiment at or below this.' })
  maxSentiment?: number | null;

  @Field(() => NetworkScopeInput, {
    nullable: true,
    description: 'Only touchpoints with a participant within this network (the network as it is when the touchpoint arrives).',
  })
  withinNetworkOf?: NetworkScopeInput | null;
}
