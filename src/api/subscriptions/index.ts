import { EntityChangedResolver } from './entity-changed.resolver';
import { ImportBatchCommittedResolver } from './import-batch-committed.resolver';
import { MetamodelChangedResolver } from './metamodel-changed.resolver';
import { OccupancyChangedResolver } from './occupancy-changed.resolver';
import { RelationshipChangedResolver } from './relationship-changed.resolver';
import { TouchpointSubscriptionsResolver } from './touchpoint-subscriptions.resolver';

/** Every subscription resolver (src/api/schema.ts lists them). */
export const subscriptionResolvers = [
  EntityChangedResolver,
  RelationshipChangedResolver,
  TouchpointSubscriptionsResolver,
  OccupancyChangedResolver,
  ImportBatchCommittedResolver,
  MetamodelChangedResolver,
] as const;
