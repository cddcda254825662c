import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KindConfigError } from '../../src/kind/errors.js';
import { kindConfig } from '../../src/kind/kind-config.js';
import { KIND_NODE_IMAGE } from '../../src/kind/node-image.js';

interface KindNode {
  role: string;
  image: string;
  kubeadmConfigPatches?: string[];
  extraPortMappings?: { containerPort: number; hostPort: number; listenAddress: string; protocol: string }[];
}

function nodesOf(yaml: string): KindNode[] {
  const config = parse(yaml) as { kind: string; apiVersion: string; nodes: KindNode[] };
  expect(config.kind).toBe('Cluster');
  expect(config.apiVersion).toBe('kind.x-k8s.io/v1alpha4');
  return config.nodes;
}

describe('kindConfig', () => {
  it('defaults to one control plane and two workers on the pinned image', () => {
    const nodes = nodesOf(kindConfig());
    expect(nodes.map((n) => n.role)).toEqual(['control-plane', 'worker', 'worker']);
    for (const node of nodes) expect(node.image).toBe(KIND_NODE_IMAGE);
    expect(KIND_NODE_IMAGE).toMatch(/^kindest\/node:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
  });

  it('labels the control plane ingress-ready=true through a kubeadm InitConfiguration patch', () => {
    const [controlPlane] = nodesOf(kindConfig());
    const patches = controlPlane!.kubeadmConfigPatches!.map((patch) => parse(patch));
    expect(patches).toEqual([
      { kind: 'InitConfiguration', nodeRegistration: { kubeletExtraArgs: { 'node-labels': 'ingress-ready=true' } } },
    ]);
  });

  it('maps 80 and 443 on 127.0.0.1 only, to configurable host ports', () => {
    const [controlPlane, worker] = nodesOf(kindConfig({ hostPorts: { http: 8080, https: 8443 }, workers: 1 }));
    expect(controlPlane!.extraPortMappings).toEqual([
      { containerPort: 80, hostPort: 8080, listenAddress: '127.0.0.1', protocol: 'TCP' },
      { containerPort: 443, hostPort: 8443, listenAddress: '127.0.0.1', protocol: 'TCP' },
    ]);
    expect(worker!.extraPortMappings).toBeUndefined();
  });

  it('takes any worker count from 0 to 10 and another image', () => {
    expect(nodesOf(kindConfig({ workers: 0 }))).toHaveLength(1);
    const nodes = nodesOf(kindConfig({ workers: 4, nodeImage: 'kindest/node:v1.33.4@sha256:abc' }));
    expect(nodes).toHaveLength(5);
    expect(new Set(nodes.map((n) => n.image))).toEqual(new Set(['kindest/node:v1.33.4@sha256:abc']));
  });

  it.each([
    [{ workers: -1 }, 'kind.workers: must be an integer between 0 and 10, got -1'],
    [{ workers: 1.5 }, 'kind.workers: must be an integer between 0 and 10, got 1.5'],
    [{ hostPorts: { http: 0, https: 443 } }, 'kind.hostPorts.http: must be an integer between 1 and 65535, got 0'],
    [
      { hostPorts: { http: 80, https: 70000 } },
      'kind.hostPorts.https: must be an integer between 1 and 65535, got 70000',
    ],
    [{ hostPorts: { http: 80, https: 80 } }, 'kind.hostPorts: http and https must differ, both are 80'],
  ])('rejects %j', (options, message) => {
    expect(() => kindConfig(options)).toThrow(new KindConfigError(message));
  });
});
