import type { PropertyValue } from '../metamodel/metamodel.types';
import type { RatingScale, Touchpoint, TouchpointDirection, TouchpointParticipant } from './touchpoint.model';

/** The properties the system keeps on every touchpoint node; everything else is custom. */
export const TOUCHPOINT_SYSTEM_FIELDS = [
  'id', 'channel', 'direction', 'occurredAt', 'durationMinutes', 'subject', 'summary', 'sentiment', 'rating',
  'ratingScale', 'outcome', 'stage', 'idempotencyKey', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;
const SYSTEM = new Set<string>(TOUCHPOINT_SYSTEM_FIELDS);

/** The row shape every touchpoint read returns (see cypher/touchpoint/get-by-ids.cypher). */
export interface TouchpointRow extends Record<string, unknown> {
  touchpoint: Record<string, unknown>;
  participants: { entityId: string; role: string | null }[];
  objectIds: string[];
  locationId: string | null;
}

export function toTouchpoint(row: TouchpointRow): Touchpoint {
  const stored = row.touchpoint;
  const properties: Record<string, PropertyValue> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (!SYSTEM.has(key) && value !== null && value !== undefined) properties[key] = value as PropertyValue;
  }
  const participants: TouchpointParticipant[] = row.participants
    .map((p) => ({ entityId: String(p.entityId), role: p.role ?? null }))
    .sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
  return {
    id: String(stored.id),
    channel: String(stored.channel),
    direction: String(stored.direction) as TouchpointDirection,
    occurredAt: isoOf(stored.occurredAt),
    durationMinutes: num(stored.durationMinutes),
    subject: str(stored.subject),
    summary: str(stored.summary),
    sentiment: num(stored.sentiment),
    rating: num(stored.rating),
    ratingScale: str(stored.ratingScale) as RatingScale | null,
    outcome: str(stored.outcome),
    stage: str(stored.stage),
    idempotencyKey: str(stored.idempotencyKey),
    participants,
    objectIds: [...row.objectIds].map(String).sort(),
    locationId: row.locationId ?? null,
    properties,
    version: Number(stored.version),
    createdAt: isoOf(stored.createdAt),
    updatedAt: isoOf(stored.updatedAt),
    createdBy: str(stored.createdBy) ?? 'system',
    updatedBy: str(stored.updatedBy) ?? 'system',
  };
}

/** Engines render instants slightly differently (`…10:00:00Z`, `…10:00:00.120Z`): one form for clients. */
export function isoOf(value: unknown): string {
  const text = String(value);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

/** All entity ids a touchpoint links to, participants first, without repeats. */
export function linkedEntityIds(t: Pick<Touchpoint, 'participants' | 'objectIds' | 'locationId'>): string[] {
  const ids = [...t.participants.map((p) => p.entityId), ...t.objectIds, ...(t.locationId ? [t.locationId] : [])];
  return [...new Set(ids)];
}
