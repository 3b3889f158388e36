import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class PageArgsInput {
  @Field(() => Int, { nullable: true, description: 'Page size counted from the start (default 20, at most 100).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size counted from the end (at most 100).' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor.' })
  before?: string | null;
}
