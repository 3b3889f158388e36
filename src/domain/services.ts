import type { EventFeed } from '../events/event-feed'; // issue 4
import type { AnalyticsService } from './analytics/analytics.service'; // issue 5
import type { EntityService } from './entities/entity.service';
import type { NetworkService } from './network/network.service'; // issue 5
import type { EntityViewService } from './entity-view/entity-view.service'; // issue 5 (360° view)
import type { MetamodelService } from './metamodel/metamodel.service';
import type { RelationshipService } from './relationships/relationship.service';
import type { BookingService } from './bookings/booking.service'; // issue 3
import type { ChannelService } from './channels/channel.service'; // issue 3
import type { ExperienceService } from './touchpoints/experience.service'; // issue 3
import type { TouchpointService } from './touchpoints/touchpoint.service'; // issue 3
import type { ImportService } from './import/import.service'; // issue 7
import type { ExportService } from './export/export.service'; // issue 7

/** The domain services the API layer calls; built once at start-up. */
export interface Services {
  metamodel: MetamodelService;
  entities: EntityService;
  relationships: RelationshipService;
  /** Committed changes in log order, for subscribers of this instance (pub/sub + event log; issue 4). */
  events: EventFeed;
  // --- network & analytics (issue 5) ---
  /** Traversals: neighbourhoods, paths, common connections, strength. */
  network: NetworkService;
  /** Centrality, communities, components; call `analytics.invalidate()` after every committed change. */
  analytics: AnalyticsService;
  // --- 360° view (issue 5) ---
  /** One entity at a glance: relationships by type, key neighbours, touchpoints, metrics, bookings. */
  entityView: EntityViewService;
  // --- end 360° view ---
  // --- end network & analytics ---
  // --- touchpoints & bookings (issue 3) ---
  /** Touchpoint channels, stored as data. */
  channels: ChannelService;
  /** Touchpoints: record (idempotent), update, delete, find. */
  touchpoints: TouchpointService;
  /** Journeys and experience metrics over touchpoints. */
  experience: ExperienceService;
  /** Bookings and occupancy of objects and locations. */
  bookings: BookingService;
  // --- end touchpoints & bookings ---
  // --- import & export (issue 7) ---
  /** Bulk upsert of entities and relationships by import key, one transaction per batch. */
  imports: ImportService;
  /** Reads the graph, or a scope of it, for export. */
  exports: ExportService;
  // --- end import & export ---
  /** Which engine stores the graph ('grafeo' or 'neo4j'), for diagnostics. */
  engineKind: string;
  /** The server's version (package.json). */
  version: string;
}
