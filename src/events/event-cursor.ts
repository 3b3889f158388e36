/**
 * Cursors are the string form of an event's position in the log (`seq`): a dense,
 * gap-free integer sequence handed out in commit order (see docs/events.md). The string
 * is zero-padded to 16 digits so cursors also sort as strings.
 */
const WIDTH = 16;
const CURSOR = /^\d{1,16}$/;

/** The cursor of log position `seq`. */
export function formatCursor(seq: number): string {
  return String(seq).padStart(WIDTH, '0');
}

/** The log position of `cursor`, or null when it is not a cursor this server issued. */
export function parseCursor(cursor: string): number | null {
  if (!CURSOR.test(cursor)) return null;
  const seq = Number(cursor);
  return Number.isSafeInteger(seq) ? seq : null;
}
