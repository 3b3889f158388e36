import type { EventFeed } from '../events/event-feed';
import type { AnalyticsService } from './analytics/analytics.service';
import type { EntityService } from './entities/entity.service';
import type { NetworkService } from './network/network.service';
import type { EntityViewService } from './entity-view/entity-view.service';
import type { MetamodelService } from './metamodel/metamodel.service';
import type { RelationshipService } from './relationships/relationship.service';
import type { BookingService } from './bookings/booking.service';
import type { ChannelService } from './channels/channel.service';
import type { ExperienceService } from './touchpoints/experience.service';
import type { TouchpointService } from './touchpoints/touchpoint.service';
import type { ImportService } from './import/import.service';
import type { ExportService } from './export/export.service';

/** The domain services the API layer calls; built once at start-up. */
export interface Services {
  metamodel: MetamodelService;
  entities: EntityService;
  relationships: RelationshipService;
  /** Committed changes in log order, for subscribers of this instance (pub/sub + event log). */
  events: EventFeed;
  /** Traversals: neighbourhoods, paths, common connections, strength. */
  network: NetworkService;
  /** Centrality, communities, components; call `analytics.invalidate()` after every committed change. */
  analytics: AnalyticsService;
  /** One entity at a glance: relationships by type, key neighbours, touchpoints, metrics, bookings. */
  entityView: EntityViewService;
  /** Touchpoint channels, stored as data. */
  channels: ChannelService;
  /** Touchpoints: record (idempotent), update, delete, find. */
  touchpoints: TouchpointService;
  /** Journeys and experience metrics over touchpoints. */
  experience: ExperienceService;
  /** Bookings and occupancy of objects and locations. */
  bookings: BookingService;
  /** Bulk upsert of entities and relationships by import key, one transaction per batch. */
  imports: ImportService;
  /** Reads the graph, or a scope of it, for export. */
  exports: ExportService;
  /** Which engine stores the graph ('grafeo' or 'neo4j'), for diagnostics. */
  engineKind: string;
  /** The server's version (package.json). */
  version: string;
}
