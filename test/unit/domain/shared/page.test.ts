import { BadUserInputError } from '../../../../src/domain/errors';
import {
  backwardWindow,
  checkPageArgs,
  decodeCursor,
  encodeCursor,
  forwardWindow,
  toPage,
} from '../../../../src/domain/shared/page';

const limits = { defaultSize: 20, maxSize: 100 };

describe('paging', () => {
  it('round-trips an offset through an opaque cursor', () => {
    expect(decodeCursor(encodeCursor(41), 'after')).toBe(41);
    expect(encodeCursor(41)).not.toContain('41');
  });
  it('refuses cursors it did not issue, naming the argument', () => {
    expect(() => decodeCursor('bm9wZQ', 'before')).toThrow(BadUserInputError);
    try {
      decodeCursor('garbage', 'after');
    } catch (e) {
      expect((e as BadUserInputError).details).toEqual({ field: 'after' });
    }
  });
  it('starts after the cursor and uses the default size', () => {
    expect(forwardWindow({ after: encodeCursor(9) }, limits)).toEqual({ skip: 10, limit: 20 });
  });
  it('counts backward pages from the end or from a cursor', () => {
    expect(backwardWindow({ last: 3 }, limits, 10)).toEqual({ skip: 7, limit: 3 });
    expect(backwardWindow({ last: 3, before: encodeCursor(2) }, limits, 10)).toEqual({ skip: 0, limit: 2 });
  });
  it('refuses sizes above the maximum, negative sizes, and mixed directions', () => {
    expect(() => checkPageArgs({ first: 101 }, limits)).toThrow(/at most 100/);
    expect(() => checkPageArgs({ last: -1 }, limits)).toThrow(BadUserInputError);
    expect(() => checkPageArgs({ first: 1, last: 1 }, limits)).toThrow(/not both/);
    expect(() => checkPageArgs({ first: 100 }, limits)).not.toThrow();
  });
  it('tells whether pages exist before and after', () => {
    expect(toPage([1, 2], { skip: 0, limit: 2 }, 3)).toMatchObject({ hasNextPage: true, hasPreviousPage: false, offset: 0 });
    expect(toPage([3], { skip: 2, limit: 2 }, 3)).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});
