import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { RunObjects } from '../src/cleanup.js';
import { kubeApis } from '../src/kube.js';

let server: Server;
let deletes: string[];
let answers: Map<string, number>;
let policies: (string | null)[];

beforeEach(async () => {
  deletes = [];
  answers = new Map();
  policies = [];
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://api');
    const path = url.pathname;
    policies.push(url.searchParams.get('propagationPolicy'));
    deletes.push(`${req.method} ${path}`);
    const code = answers.get(path) ?? 200;
    res
      .writeHead(code, { 'content-type': 'application/json' })
      .end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', code, message: `answered ${code}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function objects(): RunObjects {
  const { port } = server.address() as AddressInfo;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  const run = new RunObjects(kubeApis(kc), 'load', 'r1');
  run.created('ServiceAccount', 'prload-shard-r1');
  run.created('Role', 'prload-shard-r1');
  run.created('RoleBinding', 'prload-shard-r1');
  run.created('ConfigMap', 'prload-load-r1');
  run.created('Job', 'prload-load-r1');
  return run;
}

test('deletes the Job first, then the spec and the RBAC; a second call has nothing left to do', async () => {
  const run = objects();
  expect(await run.deleteAll(AbortSignal.timeout(5000))).toEqual([]);
  expect(deletes).toEqual([
    'DELETE /apis/batch/v1/namespaces/load/jobs/prload-load-r1',
    'DELETE /api/v1/namespaces/load/configmaps/prload-load-r1',
    'DELETE /apis/rbac.authorization.k8s.io/v1/namespaces/load/rolebindings/prload-shard-r1',
    'DELETE /apis/rbac.authorization.k8s.io/v1/namespaces/load/roles/prload-shard-r1',
    'DELETE /api/v1/namespaces/load/serviceaccounts/prload-shard-r1',
  ]);
  deletes = [];
  expect(await run.deleteAll(AbortSignal.timeout(5000))).toEqual([]);
  expect(deletes).toEqual([]);
});

test('what is already gone counts as deleted; what cannot be deleted is named with the command to do it by hand', async () => {
  answers.set('/apis/batch/v1/namespaces/load/jobs/prload-load-r1', 404);
  answers.set('/apis/rbac.authorization.k8s.io/v1/namespaces/load/roles/prload-shard-r1', 403);
  const run = objects();
  const left = await run.deleteAll(AbortSignal.timeout(5000));
  expect(left).toEqual([
    expect.stringMatching(/^Role\/prload-shard-r1: deleting Role load\/prload-shard-r1: HTTP 403: answered 403/),
    'delete them by hand: kubectl delete job,configmap,rolebinding,role,serviceaccount -n load -l prload.dev/run=r1',
  ]);
  // Only the Role is tried again.
  answers.clear();
  deletes = [];
  expect(await run.deleteAll(AbortSignal.timeout(5000))).toEqual([]);
  expect(deletes).toEqual(['DELETE /apis/rbac.authorization.k8s.io/v1/namespaces/load/roles/prload-shard-r1']);
});

test('the propagation policy is Background, so the pods and status ConfigMaps go with their owners', async () => {
  await objects().deleteAll(AbortSignal.timeout(5000));
  expect(policies).toEqual(Array(5).fill('Background'));
});
