import type { GraphEngine } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { toBooking } from '../bookings/booking-record';
import { toEntity } from '../entities/entity-record';
import { BadUserInputError } from '../errors';
import { combineStrength, pairKey, type StrengthWeights, type TouchpointStrengthSource } from '../network/relationship-strength';
import { toRelationship, type RelationshipRow } from '../relationships/relationship-record';
import { RelationshipDirection } from '../relationships/relationship.model';
import { computeExperienceMetrics, MetricsPeriod, type MetricRow } from '../touchpoints/experience-metrics';
import { isoOf, toTouchpoint, type TouchpointRow } from '../touchpoints/touchpoint-record';
import type { EntityView, EntityViewOptions, KeyNeighbour, RelationshipGroup } from './entity-view.model';

export const DEFAULT_RELATIONSHIPS_PER_TYPE = 5;
export const DEFAULT_KEY_NEIGHBOURS = 5;
export const DEFAULT_RECENT_TOUCHPOINTS = 10;
export const DEFAULT_BOOKINGS = 10;

interface RelationshipsRow extends Record<string, unknown> {
  entity: Record<string, unknown>;
  groups: { type: string; totalCount: number; items: (RelationshipRow & { other: Record<string, unknown> })[] }[];
  neighbours: { other: Record<string, unknown>; strengths: number[] }[];
}

interface ActivityRow extends Record<string, unknown> {
  metricRows: MetricRow[];
  recentTouchpoints: TouchpointRow[];
  resourceCount: number;
  resourceBookings: Record<string, unknown>[];
  bookerCount: number;
  bookerBookings: Record<string, unknown>[];
}

/**
 * The 360° view of one entity: relationships grouped by type, key neighbours by
 * relationship strength, recent touchpoints, experience metrics and bookings. A constant
 * number of engine calls whatever the amount of data: one for the relationships, one for
 * touchpoints and bookings, and one more for the touchpoint term of strength when that is
 * switched on (STRENGTH_WEIGHT_TOUCHPOINTS > 0).
 */
export class EntityViewService {
  private readonly q: Record<'relationships' | 'activity', CypherQuery>;
  private touchpoints: TouchpointStrengthSource | null = null;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly weights: StrengthWeights,
    private readonly maxSize: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.q = { relationships: catalogue.get('entity-view/relationships'), activity: catalogue.get('entity-view/activity') };
  }

  /** Plugs in the touchpoint term of relationship strength (the network service's source). */
  useTouchpointStrength(source: TouchpointStrengthSource | null): void {
    this.touchpoints = source;
  }

  /**
   * The view of an entity, or null when it does not exist.
   * @throws BadUserInputError when a size is negative or above the page maximum.
   */
  async view(id: string, options: EntityViewOptions = {}): Promise<EntityView | null> {
    const perType = this.size(options.relationshipsPerType, DEFAULT_RELATIONSHIPS_PER_TYPE, 'relationshipsPerType');
    const neighbourCount = this.size(options.keyNeighbours, DEFAULT_KEY_NEIGHBOURS, 'keyNeighbours');
    const recent = this.size(options.recentTouchpoints, DEFAULT_RECENT_TOUCHPOINTS, 'recentTouchpoints');
    const perRole = this.size(options.bookings, DEFAULT_BOOKINGS, 'bookings');
    const [relationshipsRows, activityRows] = await Promise.all([
      this.engine.read<RelationshipsRow>(this.q.relationships, { id, perType }),
      this.engine.read<ActivityRow>(this.q.activity, { id, recent, perRole }),
    ]);
    const rel = relationshipsRows[0];
    const act = activityRows[0];
    if (!rel || !act) return null;
    const entity = toEntity(rel.entity);
    const relationshipGroups: RelationshipGroup[] = rel.groups
      .map((g) => ({
        type: g.type,
        totalCount: Number(g.totalCount),
        relationships: g.items.map((item) => {
          const relationship = toRelationship(item);
          const outgoing = relationship.fromId === id;
          return {
            relationship,
            direction: outgoing ? RelationshipDirection.OUTGOING : RelationshipDirection.INCOMING,
            other: toEntity(item.other),
          } as const;
        }),
      }))
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    const keyNeighbours = neighbourCount === 0 ? [] : await this.keyNeighbours(id, rel.neighbours, neighbourCount);
    const metricRows = act.metricRows.map((r) => ({ ...r, occurredAt: isoOf(r.occurredAt) }));
    const recentTouchpoints = act.recentTouchpoints
      .map(toTouchpoint)
      .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1));
    return {
      entity,
      relationshipGroups,
      keyNeighbours,
      touchpointCount: metricRows.length,
      recentTouchpoints,
      experience: computeExperienceMetrics(metricRows, MetricsPeriod.MONTH, this.now()),
      asResource: { totalCount: Number(act.resourceCount), bookings: act.resourceBookings.map((b) => toBooking({ booking: b })) },
      asBooker: { totalCount: Number(act.bookerCount), bookings: act.bookerBookings.map((b) => toBooking({ booking: b })) },
    };
  }

  /** Neighbours by the strength of their strongest relationship (relationship-strength.ts). */
  private async keyNeighbours(id: string, rows: RelationshipsRow['neighbours'], count: number): Promise<KeyNeighbour[]> {
    if (rows.length === 0) return [];
    const pairs = rows.map((r) => [id, String(r.other.id)] as const);
    const touch = this.touchpoints ? await this.touchpoints.scores(pairs, null) : null;
    return rows
      .map((r) => {
        const other = toEntity(r.other);
        const t = touch ? (touch.get(pairKey(id, other.id)) ?? 0) : undefined;
        const strength = Math.max(0, ...r.strengths.map((s) => combineStrength(s < 0 ? null : s, t, this.weights)));
        return { entity: other, strength, relationshipCount: r.strengths.length };
      })
      .sort((a, b) => b.strength - a.strength || a.entity.name.localeCompare(b.entity.name) || (a.entity.id < b.entity.id ? -1 : 1))
      .slice(0, count);
  }

  private size(value: number | null | undefined, fallback: number, field: string): number {
    const n = value ?? fallback;
    if (!Number.isInteger(n) || n < 0 || n > this.maxSize) {
      throw new BadUserInputError(`${field} must be an integer from 0 to ${this.maxSize}`, field);
    }
    return n;
  }
}
