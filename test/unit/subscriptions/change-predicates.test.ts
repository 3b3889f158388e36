import { BadUserInputError } from '../../../src/domain/errors';
import { DomainEventType, type DomainEvent } from '../../../src/events/domain-event';
import {
  entityChangePredicate,
  occupancyPredicate,
  relationshipChangePredicate,
  TOUCHPOINT_EVENTS,
  TOUCHPOINT_RECORDED_EVENTS,
  touchpointPredicate,
  type TouchpointLookups,
} from '../../../src/api/subscriptions/change-predicates';

const event = (type: DomainEventType, subjectIds: string[], payload: Record<string, unknown>): DomainEvent => ({
  id: `e-${Math.random()}`,
  cursor: '0000000000000001',
  type,
  subjectIds,
  payload,
  occurredAt: '2026-01-01T00:00:00Z',
  actor: 'a',
});

const entity = (id: string, kind: string) => event(DomainEventType.ENTITY_UPDATED, [id], { entity: { id, kind } });
const relationship = (id: string, type: string, fromId: string, toId: string) =>
  event(DomainEventType.RELATIONSHIP_CREATED, [id, fromId, toId], { relationship: { id, type, fromId, toId } });
const touchpoint = (channel: string, sentiment: number | null, ...participants: string[]) =>
  event(DomainEventType.TOUCHPOINT_RECORDED, ['tp', ...participants], {
    touchpoint: { id: 'tp', channel, sentiment, participants: participants.map((entityId) => ({ entityId, role: null })) },
  });

describe('entityChanged filter', () => {
  it('matches entity events by id and kind, and nothing else', () => {
    const p = entityChangePredicate({ ids: ['a', 'b'], kinds: ['Person'] });
    expect(p(entity('a', 'Person'))).toBe(true);
    expect(p(entity('a', 'Room'))).toBe(false);
    expect(p(entity('c', 'Person'))).toBe(false);
    expect(p(relationship('r', 'WORKS_AT', 'a', 'b'))).toBe(false);
  });

  it('treats absent and empty lists as no condition', () => {
    expect(entityChangePredicate({ ids: [], kinds: null })(entity('z', 'Room'))).toBe(true);
  });

  it('refuses more than 1,000 values', () => {
    expect(() => entityChangePredicate({ ids: Array.from({ length: 1001 }, (_, i) => `${i}`) })).toThrow(BadUserInputError);
  });
});

describe('relationshipChanged filter', () => {
  it('matches the relationship id or either end, and the type', () => {
    const byEnd = relationshipChangePredicate({ ids: ['b'] });
    expect(byEnd(relationship('r', 'WORKS_AT', 'a', 'b'))).toBe(true);
    expect(byEnd(relationship('r2', 'WORKS_AT', 'a', 'c'))).toBe(false);
    expect(relationshipChangePredicate({ ids: ['r2'] })(relationship('r2', 'WORKS_AT', 'a', 'c'))).toBe(true);
    expect(relationshipChangePredicate({ types: ['KNOWS'] })(relationship('r', 'WORKS_AT', 'a', 'b'))).toBe(false);
  });
});

describe('touchpointRecorded filter', () => {
  const lookups: TouchpointLookups = {
    network: async () => new Set(['centre', 'near']),
    kindsOf: async () => new Map([['org', 'Organization'], ['ann', 'Person'], ['near', 'Person']]),
  };

  it('combines channels, sentiment bounds, participants, kinds and network with AND', async () => {
    const p = touchpointPredicate(
      { channels: ['EMAIL'], minSentiment: 0, maxSentiment: 0.8, participantKinds: ['Person'], withinNetworkOf: { id: 'centre', depth: 2 } },
      lookups,
      TOUCHPOINT_RECORDED_EVENTS,
    );
    expect(await p(touchpoint('EMAIL', 0.5, 'near'))).toBe(true);
    expect(await p(touchpoint('PHONE', 0.5, 'near'))).toBe(false);
    expect(await p(touchpoint('EMAIL', 0.9, 'near'))).toBe(false);
    expect(await p(touchpoint('EMAIL', null, 'near'))).toBe(false); // a bound needs a sentiment
    expect(await p(touchpoint('EMAIL', 0.5, 'ann'))).toBe(false); // a Person, but outside the network
    expect(await p(touchpoint('EMAIL', 0.5, 'org'))).toBe(false);
  });

  it('matches only recorded touchpoints for touchpointRecorded', async () => {
    const p = touchpointPredicate({}, lookups, TOUCHPOINT_RECORDED_EVENTS);
    expect(await p({ ...touchpoint('EMAIL', 0.1, 'ann'), type: DomainEventType.TOUCHPOINT_UPDATED })).toBe(false);
    expect(await p(touchpoint('EMAIL', 0.1, 'ann'))).toBe(true);
  });

  it('matches updates and deletions for touchpointChanged, an update when the touchpoint matched before or after it', async () => {
    const p = touchpointPredicate({ channels: ['EMAIL'] }, lookups, TOUCHPOINT_EVENTS);
    const moved = touchpoint('PHONE', 0.1, 'ann');
    expect(await p({ ...moved, type: DomainEventType.TOUCHPOINT_UPDATED, payload: { ...moved.payload, previous: touchpoint('EMAIL', 0.1, 'ann').payload.touchpoint } })).toBe(true);
    expect(await p({ ...moved, type: DomainEventType.TOUCHPOINT_UPDATED })).toBe(false);
    expect(await p({ ...touchpoint('EMAIL', 0.1, 'ann'), type: DomainEventType.TOUCHPOINT_DELETED })).toBe(true);
    expect(await p(event(DomainEventType.ENTITY_CREATED, ['ann'], { entity: { id: 'ann' } }))).toBe(false);
  });

  it('refuses a network deeper than 2 and a minimum above the maximum', () => {
    expect(() => touchpointPredicate({ withinNetworkOf: { id: 'x', depth: 3 } }, lookups, TOUCHPOINT_EVENTS)).toThrow(/depth must be 1 or 2/);
    expect(() => touchpointPredicate({ minSentiment: 0.5, maxSentiment: 0.1 }, lookups, TOUCHPOINT_EVENTS)).toThrow(BadUserInputError);
  });
});

describe('occupancyChanged filter', () => {
  it('matches bookings made or cancelled on the resource', () => {
    const p = occupancyPredicate('room-1');
    expect(p(event(DomainEventType.BOOKING_MADE, ['b', 'room-1', 'p'], { booking: { resourceId: 'room-1' } }))).toBe(true);
    expect(p(event(DomainEventType.BOOKING_CANCELLED, ['b', 'room-1', 'p'], { booking: { resourceId: 'room-1' } }))).toBe(true);
    expect(p(event(DomainEventType.BOOKING_MADE, ['b', 'room-2', 'p'], { booking: { resourceId: 'room-2' } }))).toBe(false);
  });
});
