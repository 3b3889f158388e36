import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class PageArgsInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Page size counted from the start, or from `after` (default 20, at most 100 unless the server sets DEFAULT_PAGE_SIZE / MAX_PAGE_SIZE; BAD_USER_INPUT above the maximum). Not together with `last`/`before`.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Page size counted from the end, or from `before` (same default and maximum as `first`). Not together with `first`/`after`.',
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor.' })
  before?: string | null;
}
