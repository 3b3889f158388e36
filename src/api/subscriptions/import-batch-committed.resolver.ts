import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { DomainEvent } from '../../events/domain-event';
import type { ApiContext } from '../context';
import { importBatchPredicate } from './change-predicates';
import { ImportBatchChangeType, ImportedRecords } from './import-batch-change.type';
import { changeOf } from './to-change';

interface ImportBatchCommittedArgs {
  records?: ImportedRecords[] | null;
  since?: string | null;
}

@Resolver()
export class ImportBatchCommittedResolver {
  @Subscription(() => ImportBatchChangeType, {
    description:
      'Committed bulk-import batches (GraphQL import mutations and `xrm import`), optionally only of some record kinds. Imported records do not appear in entityChanged or relationshipChanged: subscribe here to learn when to refetch. With `since`, first the stored batches after that cursor, then live ones.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, ImportBatchCommittedArgs, ApiContext>) =>
      context.services.events.open(args.since ?? null, importBatchPredicate(args.records ?? null)),
  })
  importBatchCommitted(
    @Root() event: DomainEvent,
    @Arg('records', () => [ImportedRecords], { nullable: true, description: 'Only batches of these records; absent or empty: all.' })
    _records?: ImportedRecords[] | null,
    @Arg('since', () => String, { nullable: true, description: 'Resume after this cursor (from a previous payload).' }) _since?: string | null,
  ): ImportBatchChangeType {
    const payload = event.payload;
    return {
      ...changeOf(event),
      records: payload.records as ImportedRecords,
      created: Number(payload.created ?? 0),
      updated: Number(payload.updated ?? 0),
      unchanged: Number(payload.unchanged ?? 0),
      rejected: Number(payload.rejected ?? 0),
      subjectIds: event.subjectIds,
      subjectIdsTruncated: payload.subjectIdsTruncated === true,
    };
  }
}
