import type { Booking } from '../bookings/booking.model';
import type { Entity } from '../entities/entity.model';
import type { Relationship, RelationshipDirection } from '../relationships/relationship.model';
import type { ExperienceMetrics } from '../touchpoints/experience-metrics';
import type { Touchpoint } from '../touchpoints/touchpoint.model';

/** How much of each part of a 360° view to return. */
export interface EntityViewOptions {
  relationshipsPerType?: number | null;
  keyNeighbours?: number | null;
  recentTouchpoints?: number | null;
  bookings?: number | null;
}

/** A relationship seen from the viewed entity, with the entity at the other end. */
export interface EntityViewRelationship {
  relationship: Relationship;
  direction: RelationshipDirection.OUTGOING | RelationshipDirection.INCOMING;
  other: Entity;
}

/** The relationships of one type: how many in all and the first few, oldest first. */
export interface RelationshipGroup {
  type: string;
  totalCount: number;
  relationships: EntityViewRelationship[];
}

/** A directly related entity and the strength of the link (strongest relationship). */
export interface KeyNeighbour {
  entity: Entity;
  strength: number;
  relationshipCount: number;
}

/** A role's bookings: how many active ones in all and the latest-starting few. */
export interface BookingSummary {
  totalCount: number;
  bookings: Booking[];
}

/** Everything about one entity at a glance (the 360° view). */
export interface EntityView {
  entity: Entity;
  /** By type name. */
  relationshipGroups: RelationshipGroup[];
  /** Strongest first (ties by name, then id). */
  keyNeighbours: KeyNeighbour[];
  /** Touchpoints linked to the entity in any way, in all. */
  touchpointCount: number;
  /** Most recent first. */
  recentTouchpoints: Touchpoint[];
  /** Over every touchpoint linked to the entity. */
  experience: ExperienceMetrics;
  asResource: BookingSummary;
  asBooker: BookingSummary;
}
