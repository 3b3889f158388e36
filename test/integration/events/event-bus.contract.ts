import { randomUUID } from 'node:crypto';
import { DomainEventType, type DomainEvent } from '../../../src/events/domain-event';
import type { EventBus } from '../../../src/events/event-bus.port';

/** An event with a given log position. */
export function sampleEvent(seq: number, subject = 's'): DomainEvent {
  return {
    id: randomUUID(),
    cursor: String(seq).padStart(16, '0'),
    type: DomainEventType.ENTITY_UPDATED,
    subjectIds: [subject],
    payload: { entity: { id: subject, n: seq } },
    occurredAt: new Date().toISOString(),
    actor: 'contract',
  };
}

/** Collects what a bus delivers; `until(n)` waits for n events. */
export function collector(bus: EventBus) {
  const seen: DomainEvent[] = [];
  const unsubscribe = bus.subscribe((e) => seen.push(e));
  const until = async (n: number, timeoutMs = 3_000) => {
    const deadline = Date.now() + timeoutMs;
    while (seen.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} events, got ${seen.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { seen, unsubscribe, until };
}

/**
 * The pub/sub contract every EventBus adapter keeps. `open(logId)` returns a fresh bus
 * joined to that log; adapters that reach other instances are also checked across two
 * buses (`crossInstance`).
 */
export function describeEventBusContract(name: string, open: (logId: string) => Promise<EventBus>, options: { crossInstance: boolean }): void {
  describe(`${name} event bus (pub/sub contract)`, () => {
    const opened: EventBus[] = [];
    const bus = async (logId = `log-${randomUUID()}`) => {
      const b = await open(logId);
      opened.push(b);
      return b;
    };
    afterAll(async () => {
      await Promise.all(opened.map((b) => b.close()));
    });

    it('delivers published events to local subscribers at once, in publish order', () =>
      (async () => {
        const b = await bus();
        const c = collector(b);
        b.publish([sampleEvent(1), sampleEvent(2)]);
        b.publish([sampleEvent(3)]);
        // Local delivery is synchronous: no wait needed.
        expect(c.seen.map((e) => e.cursor)).toEqual([1, 2, 3].map((n) => String(n).padStart(16, '0')));
      })());

    it('delivers to every subscriber, and not after it unsubscribed', async () => {
      const b = await bus();
      const one = collector(b);
      const two = collector(b);
      b.publish([sampleEvent(1)]);
      two.unsubscribe();
      b.publish([sampleEvent(2)]);
      expect(one.seen).toHaveLength(2);
      expect(two.seen).toHaveLength(1);
    });

    it('reports itself healthy when connected', async () => {
      const b = await bus();
      expect(b.health()).toEqual({ status: 'ok' });
    });

    it('ignores publications after close, and closes twice safely', async () => {
      const b = await bus();
      const c = collector(b);
      await b.close();
      await b.close();
      b.publish([sampleEvent(1)]);
      expect(c.seen).toHaveLength(0);
    });

    if (options.crossInstance) {
      it('delivers an event published on one instance to the subscribers of another on the same log, once', async () => {
        const logId = `log-${randomUUID()}`;
        const [a, b] = [await bus(logId), await bus(logId)];
        const onA = collector(a);
        const onB = collector(b);
        const event = sampleEvent(7, 'cross');
        a.publish([event]);
        await onB.until(1);
        await new Promise((r) => setTimeout(r, 100));
        expect(onB.seen).toEqual([event]);
        expect(onA.seen).toEqual([event]); // its own, once (no echo)
      });

      it('keeps instances of different logs (databases) apart', async () => {
        const [a, b] = [await bus(), await bus()];
        const onB = collector(b);
        a.publish([sampleEvent(1)]);
        await new Promise((r) => setTimeout(r, 200));
        expect(onB.seen).toHaveLength(0);
      });
    }
  });
}
