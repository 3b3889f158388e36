import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new booking.' })
export class BookInput {
  @Field(() => ID, { description: 'The object or location to book.' })
  resourceId!: string;

  @Field(() => ID, { description: 'The stakeholder (or event entity) it is booked for.' })
  bookerId!: string;

  @Field(() => String, { description: 'Start, inclusive: ISO-8601 date-time with a time zone.' })
  start!: string;

  @Field(() => String, { description: 'End, exclusive: ISO-8601 date-time with a time zone, after start.' })
  end!: string;

  @Field(() => String, { nullable: true, description: 'What it is for (at most 500 characters).' })
  purpose?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Your key for a safe retry (1–200 characters): sending again with the same key returns the first result and writes nothing; the same key with different content is refused with CONFLICT.',
  })
  idempotencyKey?: string | null;
}
