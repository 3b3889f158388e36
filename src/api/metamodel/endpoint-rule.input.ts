import { Field, InputType } from 'type-graphql';
import { Category } from './category.enum';

@InputType({
  description: 'Which records may stand at one end: a record fits when its kind or its category is listed. Both empty: any record.',
})
export class EndpointRuleInput {
  @Field(() => [String], { defaultValue: [], description: 'Names of registered entity kinds.' })
  kinds!: string[];

  @Field(() => [Category], { defaultValue: [], description: 'Categories whose kinds are all accepted.' })
  categories!: Category[];
}
