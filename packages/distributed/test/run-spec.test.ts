import { expect, test } from 'vitest';
import { DistributedSpecError } from '../src/errors.js';
import {
  abortPatch,
  buildSpecConfigMap,
  decodeRunSpec,
  encodeRunSpec,
  type PortableLoadOptions,
  type RunSpec,
  readStartNotice,
  startPatch,
} from '../src/run-spec.js';

const load: PortableLoadOptions & { seed: number } = {
  address: 'http://traefik.traefik.svc:80',
  targets: [{ host: 'foo.localhost', expectBody: 'foo\n', weight: 2 }, { host: 'bar.localhost' }],
  model: 'open',
  rate: 400,
  rampTo: 800,
  arrivals: 'poisson',
  durationMs: 30_000,
  warmupMs: 2000,
  connections: 20,
  pipelining: 1,
  timeoutMs: 5000,
  maxInFlight: 100,
  behindPolicy: 'drop',
  maxSendLagP99Ms: 15,
  drainMs: 1000,
  rejectUnauthorized: false,
  engine: 'socket',
  seed: 42,
};
const spec: RunSpec = { version: 1, runId: 'r1', shards: 4, load, startTimeoutMs: 183_000 };

test('a spec survives encode and decode unchanged', () => {
  expect(decodeRunSpec(encodeRunSpec(spec), 'spec')).toEqual(spec);
});

test('only the portable load options travel; undefined ones are left out', () => {
  const withExtras = {
    ...spec,
    load: { ...load, rampTo: undefined, signal: AbortSignal.timeout(1), onProgress: () => {}, workers: 4 },
  } as unknown as RunSpec;
  const decoded = decodeRunSpec(encodeRunSpec(withExtras), 'spec');
  expect(Object.keys(decoded.load)).not.toContain('signal');
  expect(Object.keys(decoded.load)).not.toContain('onProgress');
  expect(Object.keys(decoded.load)).not.toContain('workers');
  expect(Object.keys(decoded.load)).not.toContain('rampTo');
});

function rejects(name: string, text: string | undefined, message: RegExp): void {
  test(`decode rejects ${name}`, () => {
    expect(() => decodeRunSpec(text, 'ConfigMap load/prload-load-r1')).toThrow(DistributedSpecError);
    expect(() => decodeRunSpec(text, 'ConfigMap load/prload-load-r1')).toThrow(message);
  });
}
const json = (patch: Record<string, unknown>) => JSON.stringify({ ...spec, ...patch });
rejects('a missing spec', undefined, /^ConfigMap load\/prload-load-r1: no data\["spec.json"\]/);
rejects('text that is not JSON', '{', /is not JSON/);
rejects('another spec version', json({ version: 2 }), /spec version 2, this prload reads version 1/);
rejects('a shard count out of range', json({ shards: 101 }), /shards must be an integer from 1 to 100, got 101/);
rejects('a spec without a seed', json({ load: { ...load, seed: undefined } }), /load.seed is not a number/);
rejects('a spec without targets', json({ load: { ...load, targets: 'foo' } }), /load.targets is not a list/);

test('the spec ConfigMap is labelled, owned by the Job and holds spec.json', () => {
  const owner = { apiVersion: 'batch/v1', kind: 'Job', name: 'prload-load-r1', uid: 'u-1' };
  const cm = buildSpecConfigMap({ namespace: 'load', spec, owner });
  expect(cm.metadata).toEqual({
    name: 'prload-load-r1',
    namespace: 'load',
    labels: { 'app.kubernetes.io/managed-by': 'prload', 'app.kubernetes.io/component': 'spec', 'prload.dev/run': 'r1' },
    ownerReferences: [owner],
  });
  expect(decodeRunSpec(cm.data?.['spec.json'], 'cm')).toEqual(spec);
});

test('the start and abort notices read back from the ConfigMap data', () => {
  expect(readStartNotice({ data: {} })).toEqual({ startAt: undefined, coordinatorNow: undefined, abort: false });
  expect(readStartNotice({ data: startPatch(1_700_000_003_000, 1_700_000_000_000).data })).toEqual({
    startAt: 1_700_000_003_000,
    coordinatorNow: 1_700_000_000_000,
    abort: false,
  });
  expect(readStartNotice({ data: { ...startPatch(5, 2).data, ...abortPatch().data } }).abort).toBe(true);
  expect(readStartNotice({ data: { startAt: 'soon' } }).startAt).toBeUndefined();
});
