import { describe, expect, it } from 'vitest';
import { HostRecorder, MAX_ERROR_MESSAGES } from '../src/host-recorder.js';

describe('HostRecorder', () => {
  it('keeps at most MAX_ERROR_MESSAGES distinct messages', () => {
    const host = new HostRecorder();
    for (let i = 0; i < 100; i++) host.addMessage(`reset: message ${i % 30}`);
    host.addMessage('reset: message 0');
    expect(host.errorMessages.size).toBe(MAX_ERROR_MESSAGES);
    expect(host.wantsMessage()).toBe(false);
  });

  it('turns counters into HostStats with rates over the measured seconds', () => {
    const host = new HostRecorder();
    for (let i = 0; i < 8; i++) {
      host.requests++;
      host.planned++;
      host.record(1000 * (i + 1), 500);
      host.countStatus(i < 6 ? 200 : 503);
    }
    host.countError('unexpected-status');
    host.countError('unexpected-status');
    host.planned += 2;
    host.dropped += 2;
    const stats = host.stats(2, true);
    expect(stats).toMatchObject({
      requests: 8,
      errors: 2,
      errorRate: 0.25,
      rate: 4,
      targetRate: 5,
      dropped: 2,
      statusCodes: { '200': 6, '503': 2 },
      errorKinds: { 'unexpected-status': 2 },
    });
    expect(stats.latency.max).toBeCloseTo(8, 2);
    expect(stats.serviceTime.p50).toBeCloseTo(0.5, 3);
    expect(host.stats(2, false).targetRate).toBe(0);
    expect(host.stats(0, true).rate).toBe(0);
  });
});
