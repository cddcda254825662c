import { describe, expect, it } from 'vitest';
import { waitUntil } from '../src/wait-until.js';

describe('waitUntil', () => {
  it('resolves once the clock has reached the instant', async () => {
    const at = performance.now() + 30;
    await waitUntil(() => performance.now(), at);
    expect(performance.now()).toBeGreaterThanOrEqual(at);
  });

  it('sets its timer again when it fires before the instant on the given clock', async () => {
    // A clock at half speed: every timer fires early on it, as libuv's whole milliseconds can.
    const origin = performance.now();
    const slow = () => (performance.now() - origin) / 2;
    await waitUntil(slow, 20);
    expect(slow()).toBeGreaterThanOrEqual(20);
  });

  it('resolves at once for an instant already past', async () => {
    const before = performance.now();
    await waitUntil(() => performance.now(), before - 1000);
    expect(performance.now() - before).toBeLessThan(1000);
  });

  it('resolves as soon as the signal aborts, also when it already has', async () => {
    const controller = new AbortController();
    const waiting = waitUntil(() => performance.now(), performance.now() + 600_000, controller.signal);
    controller.abort();
    await waiting;
    await waitUntil(() => performance.now(), performance.now() + 600_000, controller.signal);
  });
});
