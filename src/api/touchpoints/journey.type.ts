import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { JourneyItemKind } from '../../domain/touchpoints/experience.service';
import type { Relationship } from '../../domain/relationships/relationship.model';
import type { Touchpoint } from '../../domain/touchpoints/touchpoint.model';
import { RelationshipType } from '../relationships/relationship.type';
import { PageInfo } from '../shared/page-info.type';
import { TouchpointType } from './touchpoint.type';
import './touchpoint-enums';

@ObjectType('JourneyItem', { description: 'One step of a journey: a touchpoint, or a relationship starting or ending.' })
export class JourneyItemType {
  @Field(() => JourneyItemKind, { description: 'What the step is.' })
  kind!: JourneyItemKind;

  @Field(() => GraphQLDateTime, { description: 'When it happened.' })
  at!: string;

  @Field(() => TouchpointType, { nullable: true, description: 'The touchpoint, for kind TOUCHPOINT.' })
  touchpoint?: Touchpoint | null;

  @Field(() => RelationshipType, { nullable: true, description: 'The relationship, for RELATIONSHIP_STARTED and RELATIONSHIP_ENDED.' })
  relationship?: Relationship | null;
}

@ObjectType({ description: 'One step of a journey in a page, with its cursor.' })
export class JourneyEdge {
  @Field(() => String, { description: 'Opaque position; page on with `after` or back with `before`.' })
  cursor!: string;

  @Field(() => JourneyItemType, { description: 'The step.' })
  node!: JourneyItemType;
}

@ObjectType({ description: 'A page of a journey, oldest first.' })
export class JourneyConnection {
  @Field(() => [JourneyEdge], { description: 'The steps of this page.' })
  edges!: JourneyEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many steps the journey has in all (within from/to).' })
  totalCount!: number;
}
