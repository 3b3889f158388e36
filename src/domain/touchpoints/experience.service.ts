import type { GraphEngine } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { BadUserInputError, NotFoundError } from '../errors';
import { toRelationship, type RelationshipRow } from '../relationships/relationship-record';
import type { Relationship } from '../relationships/relationship.model';
import {
  checkPageArgs,
  fetchRequestedPage,
  type Page,
  type PageArgs,
  type PageLimits,
  type PageWindow,
} from '../shared/page';
import { computeExperienceMetrics, MetricsPeriod, type ExperienceMetrics, type MetricRow } from './experience-metrics';
import type { TouchpointScope } from './touchpoint-filter';
import { isoOf } from './touchpoint-record';
import { checkInstant } from './touchpoint-rules';
import type { EntityLookup, TouchpointService } from './touchpoint.service';
import type { Touchpoint, TouchpointFilter } from './touchpoint.model';

/** What happened to an entity, one step of its journey. */
export enum JourneyItemKind {
  TOUCHPOINT = 'TOUCHPOINT',
  RELATIONSHIP_STARTED = 'RELATIONSHIP_STARTED',
  RELATIONSHIP_ENDED = 'RELATIONSHIP_ENDED',
}

/** One step of an entity's journey, in time order. */
export type JourneyItem =
  | { kind: JourneyItemKind.TOUCHPOINT; at: string; touchpoint: Touchpoint }
  | { kind: JourneyItemKind.RELATIONSHIP_STARTED | JourneyItemKind.RELATIONSHIP_ENDED; at: string; relationship: Relationship };

export interface JourneyOptions {
  from?: string | null;
  to?: string | null;
  /** Default true: interleave relationship starts and ends. */
  includeRelationships?: boolean | null;
}

/** Most touchpoints one metrics computation reads. */
export const MAX_METRIC_ROWS = 200_000;

interface TimelineRow extends Record<string, unknown> {
  totalCount: number;
  items: ({ at: string; kind: JourneyItemKind; id: string } & Partial<RelationshipRow>)[];
}

/**
 * The customer-experience views over touchpoints: an entity's journey (touchpoints and
 * relationship starts and ends, interleaved in time order) and experience metrics. Each
 * costs a constant number of engine calls, whatever the amount of data.
 */
export class ExperienceService {
  private readonly q: Record<'timeline' | 'metricRows', CypherQuery>;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly touchpoints: TouchpointService,
    private readonly entities: EntityLookup,
    private readonly limits: PageLimits,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.q = { timeline: catalogue.get('touchpoint/timeline'), metricRows: catalogue.get('touchpoint/metric-rows') };
  }

  /**
   * A page of an entity's journey, oldest first; page forward (first/after) or backward
   * (last/before) by cursor.
   * @throws NotFoundError for an unknown entity, BadUserInputError for bad instants or page arguments.
   */
  async journey(entityId: string, options: JourneyOptions, page: PageArgs): Promise<Page<JourneyItem>> {
    checkPageArgs(page, this.limits);
    const from = options.from == null ? null : checkInstant(options.from, 'from');
    const to = options.to == null ? null : checkInstant(options.to, 'to');
    if (from !== null && to !== null && to <= from) throw new BadUserInputError('to must be after from', 'to');
    const [entity] = await this.entities.getMany([entityId]);
    if (!entity) throw new NotFoundError('Entity', entityId);
    const params = { id: entityId, from, to, includeRelationships: options.includeRelationships ?? true };
    const fetch = async (window: PageWindow) => {
      const [row] = await this.engine.read<TimelineRow>(this.q.timeline, { ...params, ...window });
      return { totalCount: row?.totalCount ?? 0, items: row?.items ?? [] };
    };
    const found = await fetchRequestedPage(page, this.limits, fetch);
    const items = found.items;
    const touchpointIds = items.filter((i) => i.kind === JourneyItemKind.TOUCHPOINT).map((i) => i.id);
    const touchpoints = new Map(
      (await this.touchpoints.getMany(touchpointIds)).filter((t): t is Touchpoint => t !== null).map((t) => [t.id, t]),
    );
    const journey = items.flatMap((item): JourneyItem[] => {
      const at = isoOf(item.at);
      if (item.kind === JourneyItemKind.TOUCHPOINT) {
        const touchpoint = touchpoints.get(item.id);
        return touchpoint ? [{ kind: JourneyItemKind.TOUCHPOINT, at, touchpoint }] : [];
      }
      const kind = item.kind === JourneyItemKind.RELATIONSHIP_ENDED ? JourneyItemKind.RELATIONSHIP_ENDED : JourneyItemKind.RELATIONSHIP_STARTED;
      return [{ kind, at, relationship: toRelationship(item as RelationshipRow) }];
    });
    return { ...found, items: journey };
  }

  /**
   * Experience metrics of the touchpoints matching the filter, optionally scoped to an
   * entity (and, for an organisation, its people via WORKS_AT / MEMBER_OF while they were).
   * Two engine calls at most (one checks the scope entity exists).
   */
  async metrics(
    filter: TouchpointFilter | null | undefined,
    scope: TouchpointScope,
    period: MetricsPeriod | null | undefined,
  ): Promise<ExperienceMetrics> {
    const params = await this.touchpoints.filterParams(filter, scope);
    if (params.entityId !== null) {
      const [entity] = await this.entities.getMany([params.entityId]);
      if (!entity) throw new NotFoundError('Entity', params.entityId);
    }
    const rows = await this.engine.read<MetricRow>(this.q.metricRows, { ...params });
    if (rows.length > MAX_METRIC_ROWS) {
      throw new BadUserInputError(`More than ${MAX_METRIC_ROWS} touchpoints match; narrow the filter (e.g. a period)`, 'filter');
    }
    return computeExperienceMetrics(rows, period ?? MetricsPeriod.MONTH, this.now());
  }
}
