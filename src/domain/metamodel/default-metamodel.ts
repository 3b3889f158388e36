/**
 * The metamodel a new database starts with (MetamodelService.seedDefaults): the kinds and
 * relationship types a trade-fair company needs on day one. It is ordinary data once
 * seeded; users may change or delete any of it, and it is not seeded again.
 *
 * Decisions worth knowing:
 * - Events (trade fairs, seminars, conferences) are the kind `Gathering`, category
 *   STAKEHOLDER: an event is a party the business has relationships with (organised,
 *   exhibited at, attended, sponsored) and a place where touchpoints happen. It cannot be
 *   called `Event`, a label the system uses for its domain-event outbox. Where it takes
 *   place is a relationship (TAKES_PLACE_AT) to LOCATION records.
 * - WORKS_AT is MANY_TO_MANY: people hold several jobs at once (part-time roles, board
 *   seats, a job at a company and in one of its departments), and MANY_TO_ONE would force
 *   a choice between them. The employment history lives in validFrom/validTo.
 * - Endpoint rules are per end, not per pair, so PART_OF (Department→Organization,
 *   Building→Site, Room→Building …) also accepts pairs such as Room→Site; that is harmless
 *   and often true.
 * - Room.floor is an INT (ground floor 0, basements negative) so rooms sort by floor.
 */
import type { DefineKindInput, DefineRelationshipTypeInput, PropertyDefinitionInput } from './metamodel.inputs';
import { Cardinality, Category, PropertyType } from './metamodel.types';

/**
 * The version of this seed, stored on the `(:MetamodelSeed)` marker. Raise it only
 * together with a migration that brings seeded databases up to date; seedDefaults never
 * re-seeds a database that carries any marker.
 */
export const DEFAULT_METAMODEL_VERSION = 1;

const { STRING, INT, FLOAT, BOOLEAN, DATE, DATETIME, STRING_LIST } = PropertyType;

function prop(name: string, type: PropertyType, description: string, required = false): PropertyDefinitionInput {
  return { name, type, required, description };
}

const contact = [
  prop('email', STRING, 'Main e-mail address'),
  prop('phone', STRING, 'Main phone number, international format (+49 …)'),
];
const address = [
  prop('street', STRING, 'Street and number'),
  prop('postalCode', STRING, 'Postal code'),
  prop('city', STRING, 'City'),
  prop('country', STRING, 'ISO 3166-1 alpha-2 country code, e.g. DE'),
];
const asset = [
  prop('serialNumber', STRING, "Manufacturer's serial number"),
  prop('assetTag', STRING, 'Inventory number on the asset label'),
  prop('manufacturer', STRING, 'Who made it'),
  prop('model', STRING, 'Model designation'),
  prop('acquiredOn', DATE, 'When it was bought or leased'),
];

/** The kinds seeded into a new database. */
export const DEFAULT_KINDS: readonly DefineKindInput[] = [
  {
    name: 'Person',
    category: Category.STAKEHOLDER,
    description: 'A human being: visitor, exhibitor staff, employee, contact at a customer or supplier.',
    properties: [
      prop('givenName', STRING, 'First name'),
      prop('familyName', STRING, 'Last name'),
      ...contact,
      prop('mobile', STRING, 'Mobile phone number'),
      prop('jobTitle', STRING, 'Current job title'),
      prop('languages', STRING_LIST, 'Languages spoken, as ISO 639-1 codes (de, en …)'),
      prop('marketingConsent', BOOLEAN, 'Whether the person agreed to receive marketing messages'),
    ],
  },
  {
    name: 'Organization',
    category: Category.STAKEHOLDER,
    description: 'A company, association, authority or other organisation: customer, supplier, partner, exhibitor.',
    properties: [
      prop('legalName', STRING, 'Registered legal name, if it differs from the display name'),
      prop('industry', STRING, 'Industry or sector'),
      prop('website', STRING, 'Web site URL'),
      prop('vatId', STRING, 'VAT identification number'),
      prop('registrationNumber', STRING, 'Commercial register number'),
      prop('employeeCount', INT, 'Approximate number of employees'),
      prop('foundedOn', DATE, 'Date of foundation'),
      ...contact,
      ...address,
    ],
  },
  {
    name: 'Department',
    category: Category.STAKEHOLDER,
    description: 'A unit inside an organisation: a team, division or cost centre.',
    properties: [prop('costCenter', STRING, 'Cost centre code'), ...contact],
  },
  {
    name: 'Gathering',
    category: Category.STAKEHOLDER,
    description:
      'An event as an organising entity: a trade fair, seminar, conference or congress that is organised, exhibited at and attended.',
    properties: [
      prop('format', STRING, 'What kind of event: trade fair, seminar, conference, workshop …'),
      prop('startsAt', DATETIME, 'When it begins'),
      prop('endsAt', DATETIME, 'When it ends'),
      prop('website', STRING, 'Web site URL'),
      prop('expectedAttendance', INT, 'Expected number of attendees'),
      prop('topics', STRING_LIST, 'Topics or product groups'),
    ],
  },
  {
    name: 'Device',
    category: Category.OBJECT,
    description: 'An electronic device: tablet, laptop, scanner, phone, display.',
    properties: [...asset, prop('operatingSystem', STRING, 'Operating system and version')],
  },
  {
    name: 'Vehicle',
    category: Category.OBJECT,
    description: 'A car, van, truck, forklift or shuttle bus.',
    properties: [
      prop('licensePlate', STRING, 'Registration plate'),
      prop('vin', STRING, 'Vehicle identification number'),
      prop('manufacturer', STRING, 'Who made it'),
      prop('model', STRING, 'Model designation'),
      prop('seats', INT, 'Number of seats'),
      prop('firstRegisteredOn', DATE, 'Date of first registration'),
    ],
  },
  {
    name: 'Equipment',
    category: Category.OBJECT,
    description: 'Other physical equipment: stand furniture, stage and AV technology, tools, machines.',
    properties: [...asset, prop('lastInspectedOn', DATE, 'Date of the last safety inspection')],
  },
  {
    name: 'Site',
    category: Category.LOCATION,
    description: 'A plot of land with an address: an exhibition centre, a campus, a depot.',
    properties: [
      ...address,
      prop('latitude', FLOAT, 'WGS 84 latitude in degrees'),
      prop('longitude', FLOAT, 'WGS 84 longitude in degrees'),
    ],
  },
  {
    name: 'Building',
    category: Category.LOCATION,
    description: 'A building on a site: an exhibition hall, an office block, a warehouse.',
    properties: [
      prop('street', STRING, 'Street and number, if the building has its own address'),
      prop('floors', INT, 'Number of floors above ground'),
      prop('grossAreaSqm', FLOAT, 'Gross floor area in square metres'),
    ],
  },
  {
    name: 'Room',
    category: Category.LOCATION,
    description: 'A room or area in a building: meeting room, seminar room, hall section, storage.',
    properties: [
      prop('capacity', INT, 'Maximum number of people'),
      prop('floor', INT, 'Floor number: 0 is the ground floor, basements are negative'),
      prop('areaSqm', FLOAT, 'Floor area in square metres'),
      prop('bookable', BOOLEAN, 'Whether the room can be booked'),
      prop('features', STRING_LIST, 'Fittings: projector, video conferencing, kitchenette …'),
    ],
  },
];

const PEOPLE_AND_ORGANISATIONS = ['Person', 'Organization', 'Department'];
const ANY_STAKEHOLDER = { categories: [Category.STAKEHOLDER] };
const THINGS_AND_PLACES = { categories: [Category.OBJECT, Category.LOCATION] };

/** The relationship types seeded into a new database. Endpoint rules name only DEFAULT_KINDS. */
export const DEFAULT_RELATIONSHIP_TYPES: readonly DefineRelationshipTypeInput[] = [
  {
    name: 'WORKS_AT',
    description: 'A person is employed by, or works for, an organisation or department.',
    source: { kinds: ['Person'] },
    target: { kinds: ['Organization', 'Department'] },
    inverseName: 'employs',
    cardinality: Cardinality.MANY_TO_MANY,
    properties: [
      prop('jobTitle', STRING, 'Job title in this position'),
      prop('employmentType', STRING, 'Full-time, part-time, contractor, intern …'),
    ],
  },
  {
    name: 'REPORTS_TO',
    description: 'A person reports to a manager.',
    source: { kinds: ['Person'] },
    target: { kinds: ['Person'] },
    inverseName: 'manages',
    cardinality: Cardinality.MANY_TO_ONE,
  },
  {
    name: 'MEMBER_OF',
    description: 'A person or organisation is a member of an association, club, committee or department.',
    source: { kinds: ['Person', 'Organization'] },
    target: { kinds: ['Organization', 'Department'] },
    inverseName: 'has member',
    properties: [prop('membershipNumber', STRING, 'Membership number')],
  },
  {
    name: 'KNOWS',
    description: 'Two people know each other personally.',
    source: { kinds: ['Person'] },
    target: { kinds: ['Person'] },
    directed: false,
  },
  {
    name: 'CUSTOMER_OF',
    description: 'A person or organisation buys from an organisation.',
    source: { kinds: PEOPLE_AND_ORGANISATIONS },
    target: { kinds: ['Organization'] },
    inverseName: 'has customer',
    properties: [
      prop('customerNumber', STRING, "The customer's number at the supplier"),
      prop('segment', STRING, 'Customer segment, e.g. key account'),
    ],
  },
  {
    name: 'SUPPLIES',
    description: 'An organisation supplies goods or services to another: logistics, stand building, catering.',
    source: { kinds: ['Organization'] },
    target: { kinds: ['Organization', 'Department', 'Gathering'] },
    inverseName: 'is supplied by',
    properties: [prop('offerings', STRING_LIST, 'What is supplied')],
  },
  {
    name: 'PARTNER_OF',
    description: 'Two organisations cooperate as partners.',
    source: { kinds: ['Organization'] },
    target: { kinds: ['Organization'] },
    directed: false,
    properties: [prop('partnershipType', STRING, 'Kind of partnership: reseller, technology, media …')],
  },
  {
    name: 'INVESTS_IN',
    description: 'A person or organisation holds a stake in an organisation.',
    source: { kinds: ['Person', 'Organization'] },
    target: { kinds: ['Organization'] },
    inverseName: 'is funded by',
    properties: [
      prop('stakePercent', FLOAT, 'Share held, in percent'),
      prop('amount', FLOAT, 'Amount invested'),
      prop('currency', STRING, 'ISO 4217 currency of the amount'),
    ],
  },
  {
    name: 'OWNS',
    description: 'A stakeholder owns an object or a location.',
    source: { kinds: PEOPLE_AND_ORGANISATIONS },
    target: THINGS_AND_PLACES,
    inverseName: 'is owned by',
  },
  {
    name: 'USES',
    description: 'A stakeholder uses, leases or has been lent an object or a location.',
    source: ANY_STAKEHOLDER,
    target: THINGS_AND_PLACES,
    inverseName: 'is used by',
    properties: [prop('purpose', STRING, 'What it is used for')],
  },
  {
    name: 'LOCATED_IN',
    description: 'An object or a department is (usually) found in a location.',
    source: { kinds: ['Department'], categories: [Category.OBJECT] },
    target: { categories: [Category.LOCATION] },
    inverseName: 'houses',
    cardinality: Cardinality.MANY_TO_ONE,
  },
  {
    name: 'PART_OF',
    description:
      'A record belongs to a larger whole: a department to an organisation, a subsidiary to its group, a building to a site, a room to a building.',
    source: { kinds: ['Department', 'Organization', 'Building', 'Room'] },
    target: { kinds: ['Organization', 'Department', 'Site', 'Building'] },
    inverseName: 'includes',
    cardinality: Cardinality.MANY_TO_ONE,
  },
  {
    name: 'RESPONSIBLE_FOR',
    description: 'A person or department is responsible for a record: account manager, facility manager, asset keeper.',
    source: { kinds: ['Person', 'Department'] },
    target: {},
    inverseName: 'is looked after by',
    properties: [prop('responsibility', STRING, 'What exactly: account, maintenance, security …')],
  },
  {
    name: 'ORGANIZES',
    description: 'A stakeholder organises an event.',
    source: { kinds: PEOPLE_AND_ORGANISATIONS },
    target: { kinds: ['Gathering'] },
    inverseName: 'is organised by',
  },
  {
    name: 'EXHIBITS_AT',
    description: 'An organisation exhibits at an event with a stand.',
    source: { kinds: ['Organization'] },
    target: { kinds: ['Gathering'] },
    inverseName: 'has exhibitor',
    properties: [
      prop('booth', STRING, 'Hall and stand number, e.g. B2-114'),
      prop('standAreaSqm', FLOAT, 'Stand area in square metres'),
    ],
  },
  {
    name: 'ATTENDS',
    description: 'A person attends an event as visitor, speaker or staff.',
    source: { kinds: ['Person'] },
    target: { kinds: ['Gathering'] },
    inverseName: 'is attended by',
    properties: [
      prop('ticketType', STRING, 'Ticket or badge type: visitor, press, VIP, speaker …'),
      prop('checkedInAt', DATETIME, 'When the person first entered'),
    ],
  },
  {
    name: 'TAKES_PLACE_AT',
    description: 'An event takes place at a location (a fair may use several halls).',
    source: { kinds: ['Gathering'] },
    target: { categories: [Category.LOCATION] },
    inverseName: 'hosts',
  },
];
