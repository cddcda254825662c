import { describe, expect, it } from 'vitest';
import { RequestTimeoutError } from '../src/errors.js';
import { InFlight } from '../src/in-flight.js';
import { LoadRequest, type RequestSink, type TargetState } from '../src/load-request.js';
import { heldRequestParts, holdingServer } from './helpers/held-requests.js';
import { serversClosedAfterEach } from './helpers/servers.js';

const { serve } = serversClosedAfterEach();

describe('InFlight list', () => {
  const sink: RequestSink = { complete: () => undefined };
  // The list never reads a request's target.
  const state = {} as TargetState;
  const request = (sentAt: number) => new LoadRequest(sink, state, sentAt, sentAt, true);

  it('keeps requests oldest first and removes them from anywhere', () => {
    const inFlight = new InFlight(1000);
    const [a, b, c, d] = [request(1), request(2), request(3), request(4)];
    for (const r of [a, b, c, d]) inFlight.add(r);
    expect(inFlight.size).toBe(4);
    inFlight.remove(b);
    inFlight.remove(d);
    expect(inFlight.size).toBe(2);
    expect([inFlight.shift(), inFlight.shift(), inFlight.shift()]).toEqual([a, c, null]);
    expect(inFlight.size).toBe(0);
    inFlight.add(b);
    expect(inFlight.shift()).toBe(b);
  });

  it('leaves removed requests unlinked, so the list does not hold on to them', () => {
    const inFlight = new InFlight(1000);
    const [a, b, c] = [request(1), request(2), request(3)];
    for (const r of [a, b, c]) inFlight.add(r);
    inFlight.remove(b);
    expect([b.prev, b.next]).toEqual([null, null]);
    expect([a.next, c.prev]).toEqual([c, a]);
  });
});

describe.each(['undici', 'socket'] as const)('InFlight timeouts with the %s engine', (engine) => {
  it('completes what was sent timeoutMs ago or earlier with a timeout, once, and cancels it in its pool', async () => {
    const held = await holdingServer(serve);
    const parts = heldRequestParts(held.server.address, engine, 100);
    try {
      const [first, second, young] = [0, 10, 20].map((sentAt) => parts.send(sentAt));
      await held.arrived.reach(3);

      parts.inFlight.expire(110, parts.sink); // sent at or before 10 ms: expired
      expect(parts.outcomes.map(([r]) => r)).toEqual([first, second]);
      const [timeout, again] = parts.outcomes.map(([, error]) => error);
      expect(timeout).toBeInstanceOf(RequestTimeoutError);
      expect(again).toBe(timeout);
      expect(parts.inFlight.size).toBe(1);

      // The cancel reached the pool: both connections close, and the pool reports the timeout back,
      // which is no second outcome.
      await Promise.all([held.closed.reach(2), parts.afterDoneCount.reach(2)]);
      expect(parts.afterDone).toHaveLength(2);
      expect(parts.afterDone.every((error) => error === timeout)).toBe(true);
      expect(parts.outcomes).toHaveLength(2);

      held.answerAll();
      await parts.outcomeCount.reach(3);
      expect(parts.outcomes[2]).toEqual([young, null]);
      expect(parts.inFlight.size).toBe(0);
    } finally {
      await parts.close();
    }
  });
});
