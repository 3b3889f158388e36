import { Field, ObjectType } from 'type-graphql';
import { RelationshipType } from '../relationships/relationship.type';
import { ChangeInterface } from './change.interface';

@ObjectType('RelationshipChange', {
  implements: ChangeInterface,
  description:
    'A relationship was created, updated, ended or deleted (RELATIONSHIP_CREATED, RELATIONSHIP_UPDATED, RELATIONSHIP_ENDED, RELATIONSHIP_DELETED).',
})
export class RelationshipChangeType extends ChangeInterface {
  @Field(() => RelationshipType, { description: 'The relationship after the change (before it, for a deletion).' })
  relationship!: RelationshipType;
}
