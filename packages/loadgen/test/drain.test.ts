import { describe, expect, it } from 'vitest';
import { Drain } from '../src/drain.js';
import { RunStoppedError } from '../src/errors.js';
import { heldRequestParts, holdingServer } from './helpers/held-requests.js';
import { serversClosedAfterEach } from './helpers/servers.js';

const { serve } = serversClosedAfterEach();

/** A drain over `parts`, and a promise of its end that also says how often onDrained ran. */
function drainOf(parts: ReturnType<typeof heldRequestParts>, drainMs: number) {
  let calls = 0;
  let drained = (): void => undefined;
  const ended = new Promise<void>((resolve) => {
    drained = resolve;
  });
  const drain = new Drain(parts.inFlight, parts.recorder, drainMs, () => {
    calls++;
    drained();
  });
  parts.afterOutcome = () => drain.completed();
  return { drain, ended, calls: () => calls };
}

describe.each(['undici', 'socket'] as const)('Drain with the %s engine', (engine) => {
  it('ends at once when nothing is in flight', async () => {
    const held = await holdingServer(serve);
    const parts = heldRequestParts(held.server.address, engine);
    const { drain, calls } = drainOf(parts, 60_000);
    drain.start();
    expect(calls()).toBe(1);
    expect(drain.abandoned).toBe(false);
    await parts.close();
  });

  it('ends when the last request in flight completes, well before drainMs', async () => {
    const held = await holdingServer(serve);
    const parts = heldRequestParts(held.server.address, engine);
    try {
      parts.send(0);
      parts.send(1);
      await held.arrived.reach(2);
      const { drain, ended, calls } = drainOf(parts, 60_000);
      drain.start();
      expect(calls()).toBe(0);
      held.answerAll();
      await ended;
      expect(calls()).toBe(1);
      expect(drain.abandoned).toBe(false);
      expect(parts.recorder.summary).toMatchObject({ requests: 2, errors: 0, aborted: 0 });
    } finally {
      await parts.close();
    }
  });

  it('after drainMs abandons what is still in flight: cancelled in its pool, counted as aborted if measured', async () => {
    const held = await holdingServer(serve);
    const parts = heldRequestParts(held.server.address, engine);
    try {
      parts.send(0, false); // warmup
      parts.send(1);
      await held.arrived.reach(2);
      const { drain, ended, calls } = drainOf(parts, 20);
      drain.start();
      await ended;
      expect(drain.abandoned).toBe(true);
      expect(parts.inFlight.size).toBe(0);
      expect(parts.recorder.summary).toMatchObject({ requests: 0, aborted: 1 });
      expect(parts.recorder.hosts.get('a.localhost')!.aborted).toBe(1);

      // Both sockets close; the pool reports the stop back, which is no outcome.
      await Promise.all([held.closed.reach(2), parts.afterDoneCount.reach(2)]);
      expect(parts.afterDone.every((error) => error instanceof RunStoppedError)).toBe(true);
      expect(parts.outcomes).toEqual([]);
      drain.completed();
      expect(calls()).toBe(1);
    } finally {
      await parts.close();
    }
  });

  it('abandons at once when told to stop waiting before drainMs', async () => {
    const held = await holdingServer(serve);
    const parts = heldRequestParts(held.server.address, engine);
    try {
      parts.send(0);
      await held.arrived.reach(1);
      const { drain, calls } = drainOf(parts, 60_000);
      drain.start();
      drain.abandon();
      expect(calls()).toBe(1);
      expect(drain.abandoned).toBe(true);
      expect(parts.recorder.summary.aborted).toBe(1);
      await held.closed.reach(1);
    } finally {
      await parts.close();
    }
  });
});
