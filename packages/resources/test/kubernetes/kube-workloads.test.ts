import { expect, test } from 'vitest';
import { kubeWorkloads } from '../../src/kubernetes/kube-workloads.js';

const APPS = [
  { name: 'foo', host: 'foo.localhost' },
  { name: 'bar', host: 'bar.localhost' },
];

test('each app is its Deployment in the apps’ namespace, answering its host', () => {
  expect(kubeWorkloads({ namespace: 'prload-r1', apps: APPS })).toEqual([
    { name: 'foo', role: 'app', hosts: ['foo.localhost'], namespace: 'prload-r1', deployment: 'foo' },
    { name: 'bar', role: 'app', hosts: ['bar.localhost'], namespace: 'prload-r1', deployment: 'bar' },
  ]);
});

test('the ingress controller is the workload `ingress`, in its own namespace, last', () => {
  const workloads = kubeWorkloads({
    namespace: 'prload',
    apps: APPS,
    ingress: { namespace: 'nginx-ingress', deployment: 'nginx-ingress-controller' },
  });
  expect(workloads.at(-1)).toEqual({
    name: 'ingress',
    role: 'ingress',
    hosts: [],
    namespace: 'nginx-ingress',
    deployment: 'nginx-ingress-controller',
  });
  expect(workloads.map((w) => w.name)).toEqual(['foo', 'bar', 'ingress']);
});
