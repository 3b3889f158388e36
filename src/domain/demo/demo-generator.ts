/**
 * A deterministic trade-fair network: the same scale and seed always give the same
 * records. Pure: no I/O. The demo service loads it through the batched import path.
 */
import { Category, PropertyType } from '../metamodel/metamodel.types';
import type { MetamodelRequirements } from '../import/import.service';
import type { EntityImportRow, RelationshipImportRow } from '../import/import.model';
import { seededRandom } from '../shared/seeded-random';

export const DEMO_SCALES = ['small', 'medium', 'large'] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

/** How many of each record a scale generates. */
export interface ScaleSize {
  exhibitors: number;
  staffPerExhibitor: number;
  visitors: number;
  visitorCompanies: number;
  associations: number;
  suppliers: number;
  investors: number;
  halls: number;
  seminarRooms: number;
  devices: number;
  vehicles: number;
  knowsPerVisitor: number;
  touchpoints: number;
  bookings: number;
}

export const SCALE_SIZES: Readonly<Record<DemoScale, ScaleSize>> = {
  small: { exhibitors: 20, staffPerExhibitor: 3, visitors: 200, visitorCompanies: 20, associations: 3, suppliers: 6, investors: 4, halls: 2, seminarRooms: 4, devices: 20, vehicles: 4, knowsPerVisitor: 2, touchpoints: 150, bookings: 30 },
  medium: { exhibitors: 300, staffPerExhibitor: 5, visitors: 10_000, visitorCompanies: 600, associations: 10, suppliers: 40, investors: 20, halls: 6, seminarRooms: 20, devices: 300, vehicles: 30, knowsPerVisitor: 2, touchpoints: 1000, bookings: 300 },
  large: { exhibitors: 2000, staffPerExhibitor: 8, visitors: 90_000, visitorCompanies: 5000, associations: 25, suppliers: 150, investors: 60, halls: 12, seminarRooms: 60, devices: 2000, vehicles: 120, knowsPerVisitor: 3, touchpoints: 3000, bookings: 1000 },
};

/** Kinds and relationship types the demo needs on top of the default metamodel. */
export const DEMO_METAMODEL: MetamodelRequirements = {
  kinds: [
    {
      name: 'Booth',
      category: Category.LOCATION,
      description: 'A stand space in a hall (demo data)',
      properties: [
        { name: 'code', type: PropertyType.STRING },
        { name: 'areaSqm', type: PropertyType.FLOAT },
      ],
    },
  ],
  relationshipTypes: [
    {
      name: 'OCCUPIES',
      description: 'An exhibitor occupies a booth during a fair (demo data)',
      source: { kinds: ['Organization'] },
      target: { kinds: ['Booth'] },
      inverseName: 'occupied by',
    },
    {
      name: 'IN_HALL',
      description: 'A booth lies in a hall (demo data)',
      source: { kinds: ['Booth'] },
      target: { kinds: ['Building'] },
      inverseName: 'holds',
    },
  ],
};

const GIVEN = ['Anna', 'Ben', 'Clara', 'David', 'Elif', 'Felix', 'Greta', 'Hannes', 'Ines', 'Jonas', 'Kim', 'Lena', 'Mehmet', 'Nina', 'Oskar', 'Paula', 'Quentin', 'Rosa', 'Sven', 'Tara', 'Umut', 'Vera', 'Wim', 'Xenia', 'Yusuf', 'Zoe'];
const FAMILY = ['Becker', 'Schmidt', 'Novak', 'Rossi', 'García', 'Dubois', 'Kowalski', 'Jensen', 'Yilmaz', 'Müller', 'Silva', 'Nowak', 'Horvat', 'Larsen', 'Fischer', 'Meyer', 'Wagner', 'Costa', 'Ivanova', 'Lindqvist'];
const WORDS = ['Alpine', 'Blue', 'Nordic', 'Delta', 'Vector', 'Solid', 'Bright', 'Green', 'Prime', 'Rapid', 'Urban', 'Crystal', 'Orbit', 'Summit', 'Harbor', 'Falcon', 'Atlas', 'Cedar', 'Pioneer', 'Quantum'];
const SUFFIX = ['Systems', 'Labs', 'Works', 'Logistics', 'Foods', 'Robotics', 'Textiles', 'Energy', 'Media', 'Solutions', 'Tools', 'Mobility'];
const INDUSTRIES = ['machinery', 'food', 'software', 'automotive', 'textiles', 'energy', 'logistics', 'medical', 'construction', 'retail'];
const TITLES = ['Sales Manager', 'Engineer', 'CEO', 'Buyer', 'Product Manager', 'Marketing Lead', 'Technician', 'Consultant'];

/** Everything the demo loads, in load order. */
export interface DemoData {
  source: string;
  entities: EntityImportRow[];
  relationships: RelationshipImportRow[];
  /** Touchpoints and bookings to record once the entities exist (keys instead of ids). */
  touchpoints: DemoTouchpoint[];
  bookings: DemoBooking[];
}

export interface DemoTouchpoint {
  key: string;
  channel: string;
  direction: 'INBOUND' | 'OUTBOUND' | 'INTERNAL';
  occurredAt: string;
  summary: string;
  sentiment: number;
  rating: number | null;
  participantKeys: string[];
  locationKey: string | null;
}

export interface DemoBooking {
  resourceKey: string;
  bookerKey: string;
  start: string;
  end: string;
  purpose: string;
}

/** Generates the network for a scale and seed. */
export function generateDemo(scale: DemoScale, seed: number): DemoData {
  const size = SCALE_SIZES[scale];
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const source = `demo-${seed}`;
  const entities: EntityImportRow[] = [];
  const relationships: RelationshipImportRow[] = [];
  let line = 0;
  const ref = () => ({ file: 'demo', line: ++line });
  const entity = (key: string, kind: string, name: string, properties: Record<string, unknown> = {}) => {
    entities.push({ ref: ref(), key: { source, externalId: key }, kind, name, properties });
    return key;
  };
  const seen = new Set<string>();
  const relate = (type: string, from: string, to: string, extra: Partial<RelationshipImportRow> = {}) => {
    const externalId = `${from}>${type}>${to}`;
    if (from === to || seen.has(externalId)) return;
    seen.add(externalId);
    relationships.push({
      ref: ref(), key: { source, externalId }, type, from: { source, externalId: from }, to: { source, externalId: to }, properties: {}, ...extra,
    });
  };
  const person = (key: string, title?: string) => {
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    return entity(key, 'Person', `${given} ${family}`, { givenName: given, familyName: family, ...(title ? { jobTitle: title } : {}) });
  };
  const company = (key: string, industry?: string) => entity(key, 'Organization', `${pick(WORDS)} ${pick(SUFFIX)} ${key.split('-').pop() ?? ''}`.trim(), { industry: industry ?? pick(INDUSTRIES) });

  // The organiser, its venue and the fair editions (two years).
  const organiser = entity('org-organiser', 'Organization', 'Messe Demo GmbH', { industry: 'trade fairs', legalName: 'Messe Demo GmbH' });
  const site = entity('site-fairground', 'Site', 'Demo Fairground', { latitude: 52.5, longitude: 13.27 });
  const fairs = [2025, 2026].map((year) =>
    entity(`fair-${year}`, 'Gathering', `Demo Expo ${year}`, {
      format: 'trade fair', startsAt: `${year}-03-10T08:00:00.000Z`, endsAt: `${year}-03-14T18:00:00.000Z`, expectedAttendance: size.visitors,
    }),
  );
  for (const fair of fairs) {
    relate('ORGANIZES', organiser, fair);
    relate('TAKES_PLACE_AT', fair, site);
  }
  const halls: string[] = [];
  for (let h = 1; h <= size.halls; h++) {
    const hall = entity(`hall-${h}`, 'Building', `Hall ${h}`, { floors: 1, grossAreaSqm: 10_000 + 500 * h });
    relate('PART_OF', hall, site);
    halls.push(hall);
  }
  const rooms: string[] = [];
  for (let r = 1; r <= size.seminarRooms; r++) {
    const room = entity(`room-${r}`, 'Room', `Seminar room ${r}`, { capacity: int(20, 200), bookable: true, features: ['projector'] });
    relate('PART_OF', room, halls[r % halls.length] ?? site);
    rooms.push(room);
  }
  // Associations, suppliers (logistics and stand builders), investors.
  const associations = Array.from({ length: size.associations }, (_, i) => company(`assoc-${i + 1}`, 'association'));
  for (const a of associations) relate('PARTNER_OF', organiser, a);
  const suppliers = Array.from({ length: size.suppliers }, (_, i) => company(`supplier-${i + 1}`, i % 2 === 0 ? 'logistics' : 'stand building'));
  for (const s of suppliers) relate('SUPPLIES', s, pick(fairs), { properties: { offerings: [s.endsWith('1') ? 'logistics' : 'stand construction'] } });
  const investors = Array.from({ length: size.investors }, (_, i) => company(`investor-${i + 1}`, 'finance'));
  // Exhibitors, their staff and booths.
  const exhibitors: string[] = [];
  const staff: string[] = [];
  for (let e = 1; e <= size.exhibitors; e++) {
    const ex = company(`exhibitor-${e}`);
    exhibitors.push(ex);
    for (const fair of fairs) if (random() < 0.85) relate('EXHIBITS_AT', ex, fair);
    const booth = entity(`booth-${e}`, 'Booth', `Booth ${((e - 1) % size.halls) + 1}.${e}`, { code: `B${e}`, areaSqm: int(9, 200) });
    relate('IN_HALL', booth, halls[(e - 1) % halls.length] ?? site);
    relate('OCCUPIES', ex, booth, { validFrom: '2026-03-10T00:00:00.000Z', validTo: '2026-03-15T00:00:00.000Z' });
    relate('SUPPLIES', pick(suppliers), ex, { properties: { offerings: ['stand construction'] } });
    if (random() < 0.5) relate('MEMBER_OF', ex, pick(associations));
    if (random() < 0.1) relate('INVESTS_IN', pick(investors), ex, { properties: { stakePercent: int(1, 30) } });
    for (let s = 1; s <= size.staffPerExhibitor; s++) {
      const p = person(`staff-${e}-${s}`, pick(TITLES));
      relate('WORKS_AT', p, ex, { role: s === 1 ? 'lead' : 'booth staff', validFrom: `${int(2010, 2024)}-01-01T00:00:00.000Z` });
      staff.push(p);
    }
  }
  // Devices and vehicles.
  const devices: string[] = [];
  for (let d = 1; d <= size.devices; d++) {
    const kind = d % 3 === 0 ? 'scanner' : 'tablet';
    const dev = entity(`device-${d}`, 'Device', `${kind === 'scanner' ? 'Badge scanner' : 'Tablet'} ${d}`, { model: kind === 'scanner' ? 'ScanPro 3' : 'Tab 11', operatingSystem: 'Android 14' });
    relate('OWNS', organiser, dev);
    relate('LOCATED_IN', dev, halls[d % halls.length] ?? site);
    devices.push(dev);
  }
  const vehicles: string[] = [];
  for (let v = 1; v <= size.vehicles; v++) {
    const veh = entity(`vehicle-${v}`, 'Vehicle', `Shuttle ${v}`, { licensePlate: `B-XR ${1000 + v}`, seats: pick([8, 16, 50]) });
    relate('OWNS', v % 4 === 0 ? pick(suppliers) : organiser, veh);
    vehicles.push(veh);
  }
  // Visitors, their employers and acquaintances.
  const visitorCompanies = Array.from({ length: size.visitorCompanies }, (_, i) => company(`vcompany-${i + 1}`));
  const visitors: string[] = [];
  for (let v = 1; v <= size.visitors; v++) {
    const p = person(`visitor-${v}`, pick(TITLES));
    visitors.push(p);
    relate('WORKS_AT', p, pick(visitorCompanies), { validFrom: `${int(2005, 2025)}-01-01T00:00:00.000Z` });
    relate('ATTENDS', p, pick(fairs), { role: 'visitor' });
    relate('CUSTOMER_OF', pick(visitorCompanies), pick(exhibitors));
  }
  for (const v of visitors) {
    for (let k = 0; k < size.knowsPerVisitor; k++) {
      const other = random() < 0.8 ? pick(visitors) : pick(staff);
      const [a, b] = v < other ? [v, other] : [other, v];
      relate('KNOWS', a, b, { strength: Math.round(random() * 100) / 100 });
    }
  }

  // Touchpoints over two years on every channel, and bookings of rooms and devices.
  const channels = ['EMAIL', 'PHONE', 'MEETING', 'VIDEO_CALL', 'CHAT', 'WEB', 'SOCIAL', 'EVENT', 'VISIT', 'SUPPORT', 'SURVEY'];
  const start = Date.UTC(2025, 0, 1);
  const span = 2 * 365 * 24 * 3600 * 1000;
  const touchpoints: DemoTouchpoint[] = Array.from({ length: size.touchpoints }, (_, i) => {
    const channel = channels[i % channels.length] ?? 'OTHER';
    const sentiment = Math.round((random() * 1.6 - 0.5) * 100) / 100;
    return {
      key: `${source}:tp:${i + 1}`,
      channel,
      direction: pick(['INBOUND', 'OUTBOUND'] as const),
      occurredAt: new Date(start + Math.floor(random() * span / 60_000) * 60_000).toISOString(),
      summary: `${channel.toLowerCase()} contact about ${pick(INDUSTRIES)}`,
      sentiment: Math.max(-1, Math.min(1, sentiment)),
      rating: channel === 'SURVEY' ? int(1, 5) : null,
      participantKeys: [pick(visitors), pick(staff)],
      locationKey: channel === 'VISIT' || channel === 'EVENT' ? pick(halls) : null,
    };
  });
  const bookings: DemoBooking[] = Array.from({ length: size.bookings }, (_, i) => {
    const resources = i % 2 === 0 ? rooms : [...devices, ...vehicles];
    const slot = Math.floor(i / 2);
    const resourceKey = resources[slot % resources.length] ?? rooms[0] ?? site;
    // Each resource gets consecutive, non-overlapping two-hour slots.
    const round = Math.floor(slot / Math.max(resources.length, 1));
    const startAt = Date.UTC(2026, 2, 10, 8) + round * 2 * 3600 * 1000;
    return {
      resourceKey,
      bookerKey: pick(staff),
      start: new Date(startAt).toISOString(),
      end: new Date(startAt + 2 * 3600 * 1000).toISOString(),
      purpose: i % 2 === 0 ? 'seminar' : 'equipment loan',
    };
  });
  return { source, entities, relationships, touchpoints, bookings };
}
