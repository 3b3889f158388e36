import { registerEnumType } from 'type-graphql';
import { MetricsPeriod } from '../../domain/touchpoints/experience-metrics';
import { JourneyItemKind } from '../../domain/touchpoints/experience.service';
import { RatingScale, TouchpointDirection, TouchpointOrder } from '../../domain/touchpoints/touchpoint.model';

registerEnumType(TouchpointDirection, {
  name: 'TouchpointDirection',
  description: 'Which way an interaction went, seen from the organisation using xrm-graph.',
  valuesConfig: {
    INBOUND: { description: 'The other side reached out (a call received, a visitor at the stand).' },
    OUTBOUND: { description: 'We reached out (a mailing, a sales call).' },
    INTERNAL: { description: 'Among our own people.' },
  },
});

registerEnumType(RatingScale, {
  name: 'RatingScale',
  description: 'The scale of a rating, which fixes its range.',
  valuesConfig: {
    FIVE_STAR: { description: '1 to 5 (halves allowed).' },
    TEN_POINT: { description: '1 to 10, whole numbers.' },
    NPS: { description: 'Net Promoter Score answer: 0 to 10, whole numbers (9–10 promoter, 0–6 detractor).' },
    PERCENT: { description: '0 to 100.' },
    BINARY: { description: '0 (thumbs down) or 1 (thumbs up).' },
  },
});

registerEnumType(TouchpointOrder, {
  name: 'TouchpointOrder',
  description: 'Order of touchpoint lists.',
  valuesConfig: {
    NEWEST_FIRST: { description: 'Latest occurredAt first (the default).' },
    OLDEST_FIRST: { description: 'Earliest occurredAt first.' },
  },
});

registerEnumType(MetricsPeriod, {
  name: 'MetricsPeriod',
  description: 'Size of the period buckets of experience metrics (UTC; weeks start on Monday).',
  valuesConfig: {
    DAY: { description: 'One bucket per calendar day (UTC).' },
    WEEK: { description: 'One bucket per week, Monday to Sunday (UTC).' },
    MONTH: { description: 'One bucket per calendar month (UTC).' },
  },
});

registerEnumType(JourneyItemKind, {
  name: 'JourneyItemKind',
  description: 'What a step of a journey is.',
  valuesConfig: {
    TOUCHPOINT: { description: 'An interaction: see `touchpoint`.' },
    RELATIONSHIP_STARTED: { description: 'A relationship began (validFrom, or when it was recorded): see `relationship`.' },
    RELATIONSHIP_ENDED: { description: 'A relationship ended (validTo): see `relationship`.' },
  },
});
