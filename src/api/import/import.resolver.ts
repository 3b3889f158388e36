import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { entityRowsOfCall, relationshipRowsOfCall } from '../../domain/import/import-call';
import type { BatchResult } from '../../domain/import/import.model';
import type { ApiContext } from '../context';
import { ImportResultType } from './import-result.type';
import { EntityImportRowInput, RelationshipImportRowInput } from './import.input';

function toResult(result: BatchResult): ImportResultType {
  return {
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: result.rejected.map((r) => ({ index: r.ref.line, reason: r.reason })),
  };
}

/** The description of the `strict` argument of both import mutations. */
const STRICT =
  'false: bad rows are reported in `rejected` and the others imported. true: the first bad row fails the call with BAD_USER_INPUT and nothing is written.';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportResultType, {
    description:
      'Creates or updates up to 1,000 entities in one transaction, matched by `source` + `externalId`. Bad rows are ' +
      'reported in `rejected` and the rest imported; with `strict` the first bad row fails the call and nothing is written.',
  })
  async importEntities(
    @Arg('source', () => String, { description: 'The system the records come from, e.g. `crm`.' }) source: string,
    @Arg('rows', () => [EntityImportRowInput], {
      description: 'The entities, at most 1,000 (BAD_USER_INPUT beyond). When a key repeats, the last row wins.',
    })
    rows: EntityImportRowInput[],
    @Arg('strict', () => Boolean, { defaultValue: false, description: STRICT }) strict: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<ImportResultType> {
    return toResult(await ctx.services.imports.importEntities(entityRowsOfCall(source, rows), { actor: ctx.actor, strict }));
  }

  @Mutation(() => ImportResultType, {
    description:
      'Creates or updates up to 1,000 relationships in one transaction. Ends are given by their import keys and must exist.',
  })
  async importRelationships(
    @Arg('source', () => String, {
      description: "The system the records come from, e.g. `crm`: the source of the relationships' keys, and the default source of their ends.",
    })
    source: string,
    @Arg('rows', () => [RelationshipImportRowInput], { description: 'The relationships, at most 1,000 (BAD_USER_INPUT beyond).' })
    rows: RelationshipImportRowInput[],
    @Arg('strict', () => Boolean, { defaultValue: false, description: STRICT }) strict: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<ImportResultType> {
    return toResult(await ctx.services.imports.importRelationships(relationshipRowsOfCall(source, rows), { actor: ctx.actor, strict }));
  }
}
