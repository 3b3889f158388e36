import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('ImportRejection', { description: 'A row that was not imported, and why.' })
export class ImportRejectionType {
  @Field(() => Int, { description: 'Position of the row in `rows` (0-based).' })
  index!: number;

  @Field(() => String, { description: 'Why the row was refused, e.g. `unknown kind "Robot"` or a dangling relationship end.' })
  reason!: string;
}

@ObjectType('ImportResult', { description: 'What one import call did (one transaction).' })
export class ImportResultType {
  @Field(() => Int, { description: 'Rows whose key matched no stored record: a new record was created.' })
  created!: number;

  @Field(() => Int, { description: 'Rows matching a stored record that differed: the record was changed.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows equal to what is stored: nothing written.' })
  unchanged!: number;

  @Field(() => [ImportRejectionType], { description: 'Rows not imported, with the reason; empty when every row was accepted.' })
  rejected!: ImportRejectionType[];
}
