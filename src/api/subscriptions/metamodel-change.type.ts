import { Field, ObjectType } from 'type-graphql';
import { ChangeInterface } from './change.interface';

@ObjectType('MetamodelChange', {
  implements: ChangeInterface,
  description:
    'An entity kind, relationship type or touchpoint channel was defined, changed, deprecated or deleted (METAMODEL_CHANGED). Apps that cache the metamodel refetch `entityKinds`, `relationshipTypes` or `channels` when one arrives.',
})
export class MetamodelChangeType extends ChangeInterface {
  @Field(() => String, {
    description:
      'What was done, as `<area>.<action>`: e.g. metamodel.defineKind, metamodel.updateRelationshipType, metamodel.deprecateKind, channel.define, channel.update, channel.delete.',
  })
  operation!: string;

  @Field(() => String, { description: 'The name of the kind, relationship type or channel changed.' })
  name!: string;
}
