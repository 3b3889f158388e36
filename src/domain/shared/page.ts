import { BadUserInputError } from '../errors';

/** Relay-style paging arguments as a client sends them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A window of an ordered result: rows `skip … skip+limit-1`. */
export interface PageWindow {
  skip: number;
  limit: number;
}

/** One page of results with what a Relay connection needs. */
export interface Page<T> {
  items: T[];
  /** The offset of the first item, for its cursor. */
  offset: number;
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface PageLimits {
  defaultSize: number;
  maxSize: number;
}

const CURSOR_PREFIX = 'o:';

/** The opaque cursor of the row at `offset`. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** @throws BadUserInputError for a cursor this server did not issue. */
export function decodeCursor(cursor: string, field: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new BadUserInputError(`"${cursor}" is not a cursor issued by this server`, field);
  }
  return offset;
}

/**
 * Checks the page size and turns forward arguments into a window that does not need the
 * total count. Backward paging (`last`/`before`) needs it: see `backwardWindow`.
 * @throws BadUserInputError when a size is negative or above the maximum, or when
 *   forward and backward arguments are mixed.
 */
export function checkPageArgs(args: PageArgs, limits: PageLimits): void {
  for (const key of ['first', 'last'] as const) {
    const size = args[key];
    if (size === undefined || size === null) continue;
    if (!Number.isInteger(size) || size < 0) throw new BadUserInputError(`${key} must be zero or more`, key);
    if (size > limits.maxSize) {
      throw new BadUserInputError(`${key} may be at most ${limits.maxSize}; page through larger results`, key, {
        max: limits.maxSize,
      });
    }
  }
  const backward = args.last != null || args.before != null;
  const forward = args.first != null || args.after != null;
  if (backward && forward) {
    throw new BadUserInputError('Page forward (first/after) or backward (last/before), not both at once', 'last');
  }
}

/** Whether the arguments ask for a page counted from the end. */
export function isBackward(args: PageArgs): boolean {
  return args.last != null || args.before != null;
}

/** The window for forward paging. */
export function forwardWindow(args: PageArgs, limits: PageLimits): PageWindow {
  const skip = args.after != null ? decodeCursor(args.after, 'after') + 1 : 0;
  return { skip, limit: args.first ?? limits.defaultSize };
}

/** The window for backward paging, given the total number of rows. */
export function backwardWindow(args: PageArgs, limits: PageLimits, totalCount: number): PageWindow {
  const end = args.before != null ? Math.min(decodeCursor(args.before, 'before'), totalCount) : totalCount;
  const size = args.last ?? limits.defaultSize;
  const skip = Math.max(0, end - size);
  return { skip, limit: end - skip };
}

/** Assembles a page from the fetched window. */
export function toPage<T>(items: T[], window: PageWindow, totalCount: number): Page<T> {
  return {
    items,
    offset: window.skip,
    totalCount,
    hasPreviousPage: window.skip > 0,
    hasNextPage: window.skip + items.length < totalCount,
  };
}

/**
 * Fetches the page the arguments ask for, given a function that fetches any window with
 * the total count. Forward pages cost one fetch; backward pages two (the total first).
 * @throws BadUserInputError for invalid paging arguments.
 */
export async function fetchRequestedPage<T>(
  args: PageArgs,
  limits: PageLimits,
  fetchWindow: (window: PageWindow) => Promise<{ items: T[]; totalCount: number }>,
): Promise<Page<T>> {
  checkPageArgs(args, limits);
  let window = forwardWindow(args, limits);
  if (isBackward(args)) {
    const { totalCount } = await fetchWindow({ skip: 0, limit: 0 });
    window = backwardWindow(args, limits, totalCount);
  }
  const { items, totalCount } = await fetchWindow(window);
  return toPage(items, window, totalCount);
}
