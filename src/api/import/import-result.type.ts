import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('ImportRejection', { description: 'A row that was not imported, and why.' })
export class ImportRejectionType {
  @Field(() => Int, { description: 'Position of the row in `rows` (0-based).' })
  index!: number;

  @Field(() => String)
  reason!: string;
}

@ObjectType('ImportResult', { description: 'What one import call did (one transaction).' })
export class ImportResultType {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Rows equal to what is stored: nothing written.' })
  unchanged!: number;

  @Field(() => [ImportRejectionType])
  rejected!: ImportRejectionType[];
}
