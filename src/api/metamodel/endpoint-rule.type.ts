import { Field, ObjectType } from 'type-graphql';
import { Category } from './category.enum';

@ObjectType('EndpointRule', {
  description:
    'Which records may stand at one end of a relationship type: a record is accepted when its kind is listed or its category is listed. Both lists empty: any record.',
})
export class EndpointRuleType {
  @Field(() => [String], { description: 'Entity kind names accepted at this end.' })
  kinds!: string[];

  @Field(() => [Category], { description: 'Categories whose kinds are all accepted at this end.' })
  categories!: Category[];
}
