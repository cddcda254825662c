import { describe, expect, it } from 'vitest';
import { encodeHistogram } from '../src/histogram.js';
import {
  HostRecorder,
  LatencyPair,
  MAX_ERROR_MESSAGES,
  STATUS_CLASSES,
  statusClassIndex,
} from '../src/host-recorder.js';
import type { StatusClass } from '../src/types.js';

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

  it.each([
    [0, 'error'],
    [101, 'error'],
    [200, '2xx'],
    [299, '2xx'],
    [304, '3xx'],
    [404, '4xx'],
    [499, '4xx'],
    [500, '5xx'],
    [599, '5xx'],
  ])('classifies status %i as %s', (status, statusClass) => {
    expect(STATUS_CLASSES[statusClassIndex(status)]).toBe(statusClass);
  });

  it.each([false, true])(
    'folds per-class cells into exactly the histograms direct recording gives (sameTimes %s)',
    (sameTimes) => {
      const hosts = [new HostRecorder(), new HostRecorder()];
      const direct = {
        summary: new LatencyPair(),
        hosts: [new LatencyPair(), new LatencyPair()],
        classes: new Map<StatusClass, LatencyPair>(),
      };
      for (let i = 0; i < 500; i++) {
        const h = i % 2;
        const status = [200, 200, 503, 0, 404][i % 5]!;
        const latency = 100 + ((i * 7919) % 50_000);
        const service = sameTimes ? latency : Math.round(latency / 3);
        hosts[h]!.recordIn(statusClassIndex(status), latency, service, sameTimes);
        const name = STATUS_CLASSES[statusClassIndex(status)]!;
        if (!direct.classes.has(name)) direct.classes.set(name, new LatencyPair());
        for (const pair of [direct.summary, direct.hosts[h]!, direct.classes.get(name)!]) pair.record(latency, service);
      }
      const summary = new LatencyPair();
      const classes = new Map<StatusClass, LatencyPair>();
      for (const host of hosts) host.collect(summary, classes);
      expect(summary.encode()).toEqual(direct.summary.encode());
      for (const [i, host] of hosts.entries()) expect(host.encode()).toEqual(direct.hosts[i]!.encode());
      expect([...classes.keys()].sort()).toEqual([...direct.classes.keys()].sort());
      for (const [name, pair] of classes) expect(pair.encode()).toEqual(direct.classes.get(name)!.encode());
      expect(summary.latency.totalCount).toBe(500);
      expect(encodeHistogram(summary.serviceTime)).toBe(encodeHistogram(direct.summary.serviceTime));
    },
  );
});
