import { QueryDeadlines } from '../../../src/api/security/query-deadlines';

/** A promise settled from outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** How a bounded result settled, once settled. */
function outcome(promise: Promise<unknown>): { value?: unknown; code?: unknown; error?: unknown; settled: boolean } {
  const seen: { value?: unknown; code?: unknown; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(seen, { value, settled: true }),
    (error: { extensions?: { code?: unknown } }) => Object.assign(seen, { error, code: error.extensions?.code, settled: true }),
  );
  return seen;
}

describe('QueryDeadlines', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('settles as the work does when it finishes in time, and drops its deadline', async () => {
    const deadlines = new QueryDeadlines(100);
    const ok = deferred<string>();
    const failing = deferred<string>();
    const a = outcome(deadlines.bound(ok.promise, Date.now() + 100));
    const b = outcome(deadlines.bound(failing.promise, Date.now() + 100));
    ok.resolve('done');
    failing.reject(new Error('boom'));
    await jest.advanceTimersByTimeAsync(500);
    expect(a).toEqual({ value: 'done', settled: true });
    expect(b.error).toEqual(new Error('boom'));
  });

  it('refuses with OPERATION_TIMEOUT once the deadline passes, and ignores the work settling later', async () => {
    const deadlines = new QueryDeadlines(100);
    const slow = deferred<string>();
    const seen = outcome(deadlines.bound(slow.promise, Date.now() + 100));
    await jest.advanceTimersByTimeAsync(99);
    expect(seen.settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(seen.code).toBe('OPERATION_TIMEOUT');
    expect(seen.error).toMatchObject({ message: 'The operation took longer than 100 ms and was stopped', extensions: { code: 'OPERATION_TIMEOUT', timeoutMs: 100 } });
    slow.resolve('late');
    await jest.advanceTimersByTimeAsync(0);
    expect(seen.value).toBeUndefined();
  });

  it('keeps every deadline, in whatever order they come and whichever work ends first', async () => {
    const deadlines = new QueryDeadlines(100);
    const start = Date.now();
    const first = deferred<string>();
    const works = [deferred<string>(), deferred<string>(), deferred<string>(), deferred<string>()];
    const late = outcome(deadlines.bound(works[0]!.promise, start + 300));
    const early = outcome(deadlines.bound(first.promise, start + 100));
    const middle = outcome(deadlines.bound(works[1]!.promise, start + 200));
    const alsoMiddle = outcome(deadlines.bound(works[2]!.promise, start + 200));
    const finished = outcome(deadlines.bound(works[3]!.promise, start + 150));
    first.resolve('in time'); // the earliest deadline goes away: the others must still fire
    works[3]!.resolve('in time too');
    await jest.advanceTimersByTimeAsync(199);
    expect([early.value, finished.value, middle.settled, alsoMiddle.settled, late.settled]).toEqual(['in time', 'in time too', false, false, false]);
    await jest.advanceTimersByTimeAsync(1);
    expect([middle.code, alsoMiddle.code, late.settled]).toEqual(['OPERATION_TIMEOUT', 'OPERATION_TIMEOUT', false]);
    await jest.advanceTimersByTimeAsync(100);
    expect(late.code).toBe('OPERATION_TIMEOUT');
  });

  it('refuses at once a deadline already past', async () => {
    const deadlines = new QueryDeadlines(100);
    const seen = outcome(deadlines.bound(new Promise<never>(() => undefined), Date.now() - 5));
    await jest.advanceTimersByTimeAsync(0);
    expect(seen.code).toBe('OPERATION_TIMEOUT');
  });
});
