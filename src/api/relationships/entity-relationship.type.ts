import { Field, Int, ObjectType } from 'type-graphql';
import type { Relationship } from '../../domain/relationships/relationship.model';
import { RelationshipDirection } from '../../domain/relationships/relationship.model';
import { PageInfo } from '../shared/page-info.type';
import { RelationshipType } from './relationship.type';

@ObjectType({ description: 'A relationship seen from one entity: which way it points and who is at the other end.' })
export class EntityRelationshipEdge {
  @Field(() => String, { description: 'Opaque position of this relationship; page on with `after`, or back with `before`.' })
  cursor!: string;

  @Field(() => RelationshipType, { description: 'The relationship.' })
  node!: Relationship;

  @Field(() => RelationshipDirection, { description: 'OUTGOING when this entity is the source.' })
  direction!: RelationshipDirection;

  /** Resolved through the entity loader by a field resolver. */
  otherId!: string;
}

@ObjectType({ description: 'A page of the relationships of one entity.' })
export class EntityRelationshipConnection {
  @Field(() => [EntityRelationshipEdge], { description: 'The relationships of this page, oldest first, each with its cursor.' })
  edges!: EntityRelationshipEdge[];

  @Field(() => PageInfo, { description: 'Whether pages precede or follow this one, and the cursors at its ends.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many relationships match in all.' })
  totalCount!: number;
}
