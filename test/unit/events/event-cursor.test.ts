import { loadConfig } from '../../../src/config/config';
import { formatCursor, parseCursor } from '../../../src/events/event-cursor';

describe('event cursors', () => {
  it('are log positions zero-padded to 16 digits, so they sort as strings too', () => {
    expect(formatCursor(42)).toBe('0000000000000042');
    expect(formatCursor(9) < formatCursor(10)).toBe(true);
  });

  it('round-trip to their position', () => {
    expect(parseCursor(formatCursor(123_456))).toBe(123_456);
  });

  it('refuses anything the server did not issue', () => {
    for (const bad of ['', 'abc', '-1', '1.5', '01JABCDEFGHJKMNPQRSTVWXYZ0', '12345678901234567']) expect(parseCursor(bad)).toBeNull();
  });
});

describe('event retention configuration', () => {
  const base = { GRAPH_URL: 'memory:' };

  it('keeps events 7 days and prunes hourly by default', () => {
    expect(loadConfig(base)).toMatchObject({ eventRetentionDays: 7, eventPruneIntervalMs: 3_600_000 });
  });

  it('accepts fractional days and refuses zero, negative or non-numeric values', () => {
    expect(loadConfig({ ...base, EVENT_RETENTION_DAYS: '0.5' }).eventRetentionDays).toBe(0.5);
    for (const bad of ['0', '-1', 'week']) expect(() => loadConfig({ ...base, EVENT_RETENTION_DAYS: bad })).toThrow(/EVENT_RETENTION_DAYS/);
    expect(() => loadConfig({ ...base, EVENT_PRUNE_INTERVAL_MS: '10' })).toThrow(/EVENT_PRUNE_INTERVAL_MS/);
  });
});
