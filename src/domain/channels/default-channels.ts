/** The channels seeded into every database (see ChannelService.ensureSeeded). */
export const DEFAULT_CHANNELS: readonly { name: string; description: string }[] = [
  { name: 'EMAIL', description: 'An e-mail or e-mail thread.' },
  { name: 'PHONE', description: 'A phone call.' },
  { name: 'MEETING', description: 'A meeting in person.' },
  { name: 'VIDEO_CALL', description: 'A video call or online meeting.' },
  { name: 'CHAT', description: 'A chat or messenger conversation.' },
  { name: 'WEB', description: 'A visit or action on a web site or portal.' },
  { name: 'SOCIAL', description: 'An interaction on social media.' },
  { name: 'EVENT', description: 'An encounter at an event: a fair, seminar or conference.' },
  { name: 'VISIT', description: 'A visit: at a stand, a site, a customer.' },
  { name: 'SUPPORT', description: 'A support case or service request.' },
  { name: 'SURVEY', description: 'A survey answer or feedback form.' },
  { name: 'LETTER', description: 'A letter or parcel by post.' },
  { name: 'OTHER', description: 'Any other channel.' },
];
