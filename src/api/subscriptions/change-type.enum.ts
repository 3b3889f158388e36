import { registerEnumType } from 'type-graphql';
import { DomainEventType } from '../../events/domain-event';

registerEnumType(DomainEventType, {
  name: 'ChangeType',
  description: 'What happened: the type of the committed change a subscription payload reports.',
  valuesConfig: {
    ENTITY_CREATED: { description: 'An entity was created (entityChanged).' },
    ENTITY_UPDATED: { description: 'An entity’s name or custom properties changed (entityChanged).' },
    ENTITY_DELETED: { description: 'An entity was deleted; the payload holds it as it was (entityChanged).' },
    RELATIONSHIP_CREATED: { description: 'A relationship was created (relationshipChanged).' },
    RELATIONSHIP_UPDATED: { description: 'A relationship’s role, validity, strength or custom properties changed (relationshipChanged).' },
    RELATIONSHIP_ENDED: { description: 'A relationship was ended: its validTo was set (relationshipChanged).' },
    RELATIONSHIP_DELETED: { description: 'A relationship was deleted for good; the payload holds it as it was (relationshipChanged).' },
    TOUCHPOINT_RECORDED: { description: 'A touchpoint was recorded (touchpointRecorded, touchpointChanged).' },
    TOUCHPOINT_UPDATED: { description: 'A touchpoint was changed (touchpointChanged).' },
    TOUCHPOINT_DELETED: { description: 'A touchpoint was deleted; the payload holds it as it was (touchpointChanged).' },
    BOOKING_MADE: { description: 'A booking was made (occupancyChanged).' },
    BOOKING_CANCELLED: { description: 'A booking was cancelled (occupancyChanged).' },
    METAMODEL_CHANGED: {
      description: 'An entity kind, relationship type or touchpoint channel was defined, changed or removed (metamodelChanged).',
    },
    IMPORT_BATCH_COMMITTED: {
      description:
        'A batch of a bulk import was committed: one change per batch, not one per record, so imported records do not appear as ENTITY_… or RELATIONSHIP_… changes (importBatchCommitted).',
    },
    API_KEY_CREATED: { description: 'An API key was created. No subscription delivers this type.' },
    API_KEY_REVOKED: { description: 'An API key was revoked. No subscription delivers this type.' },
  },
});

export { DomainEventType as ChangeType };
