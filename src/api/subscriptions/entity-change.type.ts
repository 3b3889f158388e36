import { Field, ObjectType } from 'type-graphql';
import { EntityType } from '../entities/entity.type';
import { ChangeInterface } from './change.interface';

@ObjectType('EntityChange', {
  implements: ChangeInterface,
  description: 'An entity was created, updated or deleted (ENTITY_CREATED, ENTITY_UPDATED, ENTITY_DELETED).',
})
export class EntityChangeType extends ChangeInterface {
  @Field(() => EntityType, { description: 'The entity after the change (before it, for a deletion).' })
  entity!: EntityType;
}
