import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ChangeInterface } from './change.interface';

/** Which records an import batch wrote. */
export enum ImportedRecords {
  ENTITIES = 'ENTITIES',
  RELATIONSHIPS = 'RELATIONSHIPS',
  TOUCHPOINTS = 'TOUCHPOINTS',
  BOOKINGS = 'BOOKINGS',
}

registerEnumType(ImportedRecords, {
  name: 'ImportedRecords',
  description: 'Which records a bulk-import batch wrote.',
  valuesConfig: {
    ENTITIES: { description: 'Entities (importEntities, `xrm import` of entity files).' },
    RELATIONSHIPS: { description: 'Relationships (importRelationships, `xrm import` of relationship files).' },
    TOUCHPOINTS: { description: 'Touchpoints restored from an xrm export.' },
    BOOKINGS: { description: 'Bookings restored from an xrm export.' },
  },
});

@ObjectType('ImportBatchChange', {
  implements: ChangeInterface,
  description:
    'One committed batch of a bulk import (IMPORT_BATCH_COMMITTED). Imports report one change per batch, not one per record, so a dashboard that shows entities or relationships should refetch what it displays when one arrives.',
})
export class ImportBatchChangeType extends ChangeInterface {
  @Field(() => ImportedRecords, { description: 'Which records the batch wrote.' })
  records!: ImportedRecords;

  @Field(() => Int, { description: 'Records the batch created.' })
  created!: number;

  @Field(() => Int, { description: 'Existing records (matched by import key or id) the batch changed.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows equal to what was stored, so nothing was written for them.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Rows of the batch refused (written to the reject file or returned as item errors).' })
  rejected!: number;

  @Field(() => [ID], { description: 'Ids of the records created or changed, at most 1,000 (see `subjectIdsTruncated`).' })
  subjectIds!: string[];

  @Field(() => Boolean, { description: 'True when the batch changed more records than `subjectIds` lists.' })
  subjectIdsTruncated!: boolean;
}
