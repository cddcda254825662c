import { KubeConfig } from '@kubernetes/client-node';
import { expect, test } from 'vitest';
import { DistributedOptionsError } from '../src/errors.js';
import { runDistributedLoad } from '../src/run-distributed-load.js';

// An API server that is not there: every case must fail before the first request.
const kubeConfig = new KubeConfig();
kubeConfig.loadFromOptions({
  clusters: [{ name: 'none', server: 'https://127.0.0.1:1' }],
  users: [{ name: 'u', token: 't' }],
  contexts: [{ name: 'none', cluster: 'none', user: 'u' }],
  currentContext: 'none',
});
const load = { address: 'http://127.0.0.1:1', targets: [{ host: 'foo.localhost' }], rate: 100, durationMs: 1000 };

function rejects(name: string, options: Record<string, unknown>, message: string | RegExp) {
  test(`${name} is bad input, found before anything is created`, async () => {
    const run = runDistributedLoad({ kubeConfig, namespace: 'load', runId: 'r1', shards: 2, load, ...options });
    await expect(run).rejects.toThrow(DistributedOptionsError);
    await expect(
      runDistributedLoad({ kubeConfig, namespace: 'load', runId: 'r1', shards: 2, load, ...options }),
    ).rejects.toThrow(message);
  });
}

rejects('a run id that is no DNS label', { runId: 'Run_1' }, /^runId: must be lowercase letters/);
rejects('no shards', { shards: 0 }, 'shards: must be an integer from 1 to 100, got 0');
rejects('a shard more than 100', { shards: 101 }, 'shards: must be an integer from 1 to 100, got 101');
rejects(
  'more shards than connections',
  { shards: 4, load: { ...load, connections: 3 } },
  /^load\.shard\.count: must be <= connections \(3\), got 4/,
);
rejects('a load option loadgen refuses', { load: { ...load, rate: -5 } }, /^load\.rate: /);
rejects('a zero ready timeout', { readyTimeoutMs: 0 }, 'readyTimeoutMs: must be a positive number, got 0');
