import type { InProcessEventBus } from '../events/in-process-event-bus';
import type { EntityService } from './entities/entity.service';
import type { MetamodelService } from './metamodel/metamodel.service';
import type { RelationshipService } from './relationships/relationship.service';

/** The domain services the API layer calls; built once at start-up. */
export interface Services {
  metamodel: MetamodelService;
  entities: EntityService;
  relationships: RelationshipService;
  /** Committed changes, fanned out to subscribers in this process. */
  events: InProcessEventBus;
  /** Which engine stores the graph ('grafeo' or 'neo4j'), for diagnostics. */
  engineKind: string;
  /** The server's version (package.json). */
  version: string;
}
