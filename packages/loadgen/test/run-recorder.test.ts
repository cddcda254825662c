import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { decodeHistogram } from '../src/histogram.js';
import { LoadRequest, type TargetState } from '../src/load-request.js';
import { LATE_THRESHOLD_MS, resolveOptions } from '../src/options.js';
import { RunRecorder } from '../src/run-recorder.js';
import { startEventLoopMonitor } from '../src/self-check.js';

const options = resolveOptions({
  address: 'http://127.0.0.1:1',
  targets: [{ host: 'a.localhost', expectBody: 'ok' }],
  rate: 10,
  durationMs: 1000,
});

function recorderWithTarget(openModel = true) {
  const recorder = new RunRecorder(openModel);
  recorder.start(0);
  const state: TargetState = {
    target: options.targets[0]!,
    dispatcher: {} as Dispatcher,
    dispatchOptions: { path: '/', method: 'GET' },
    expectedBody: Buffer.from('ok'),
    host: recorder.host('a.localhost'),
  };
  /** A request planned at `plannedAt`, sent 1 ms later, answered with `status` and `body`. */
  const answered = (plannedAt: number, status: number, body = 'ok', measured = true) => {
    const request = new LoadRequest({ complete: () => undefined }, state, plannedAt, plannedAt + 1, measured);
    request.onHeaders(status);
    request.onData(Buffer.from(body));
    return request;
  };
  return { recorder, host: state.host, answered };
}

function resultOf(recorder: RunRecorder) {
  const monitor = startEventLoopMonitor();
  monitor.disable();
  return recorder.result({ options, seed: 1, startedAt: new Date(), measuredMs: 1000, aborted: false }, monitor);
}

describe('RunRecorder', () => {
  it('counts every way a planned request ends on its host and in the summary', () => {
    const { recorder, host } = recorderWithTarget();
    recorder.sent(host);
    recorder.sentOnSchedule(host, 0, LATE_THRESHOLD_MS, 0); // just on time
    recorder.sentOnSchedule(host, 0, LATE_THRESHOLD_MS + 1, 0); // late
    recorder.dropped(host);
    recorder.unsent(host);
    recorder.abandoned(host); // one that went out: already planned
    for (const counts of [host, recorder.summary]) {
      expect(counts).toMatchObject({ planned: 5, late: 1, dropped: 1, aborted: 2 });
    }
    expect(recorder.host('a.localhost')).toBe(host);
  });

  it('records measured completions only, and counts every one for progress', () => {
    const { recorder, answered } = recorderWithTarget();
    recorder.completed(answered(0, 200), 21, null);
    recorder.completed(answered(10, 503), 41, null);
    recorder.completed(answered(20, 200, 'wrong'), 51, null);
    recorder.completed(answered(-5, 500, 'ok', false), 2, null); // warmup
    expect([recorder.completedTotal, recorder.errorsTotal]).toEqual([4, 3]);
    const { summary, hosts, timeSeries } = resultOf(recorder);
    expect(summary).toMatchObject({
      requests: 3,
      errors: 2,
      statusCodes: { '200': 2, '503': 1 },
      errorKinds: { 'unexpected-status': 1, 'body-mismatch': 1 },
      errorMessages: ['unexpected-status: got 503, expected 200', 'body-mismatch: expected "ok", got "wrong"'],
    });
    expect(hosts['a.localhost']).toMatchObject({ requests: 3, errors: 2 });
    // Latency from the planned time (21, 31, 31 ms), service time from the send (20, 30, 30 ms).
    expect(summary.latency.max).toBeCloseTo(31, 1);
    expect(summary.serviceTime.max).toBeCloseTo(30, 1);
    expect(timeSeries).toEqual([expect.objectContaining({ second: 0, requests: 3, errors: 2 })]);
  });

  it('counts send lag from when a request could go, and keeps the deepest queue', () => {
    const { recorder, host } = recorderWithTarget();
    recorder.sentOnSchedule(host, 0, 5, 3);
    recorder.queueDepth(4);
    recorder.queueDepth(2);
    const result = resultOf(recorder);
    expect(decodeHistogram(result.histograms.sendLag).totalCount).toBe(1);
    expect(result.selfCheck.sendLag.max).toBeCloseTo(2, 2);
    expect(result.selfCheck.maxQueueDepth).toBe(4);
  });

  it('closed model: service time is the latency, as a request goes out when planned', () => {
    const { recorder, answered } = recorderWithTarget(false);
    recorder.completed(answered(0, 200), 21, null);
    const { summary } = resultOf(recorder);
    expect(summary.serviceTime).toEqual(summary.latency);
  });
});
