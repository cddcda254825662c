import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KindConfigError } from '../../src/kind/errors.js';
import { kindConfig } from '../../src/kind/kind-config.js';
import { KIND_NODE_IMAGE, KIND_VERSION, kubernetesVersionOf } from '../../src/kind/node-image.js';

interface KindNode {
  role: string;
  image: string;
  labels?: Record<string, string>;
  kubeadmConfigPatches?: string[];
  extraPortMappings?: { containerPort: number; hostPort: number; listenAddress: string; protocol: string }[];
}

interface KindClusterConfig {
  kind: string;
  apiVersion: string;
  kubeadmConfigPatches?: string[];
  nodes: KindNode[];
}

function configOf(yaml: string): KindClusterConfig {
  const config = parse(yaml) as KindClusterConfig;
  expect(config.kind).toBe('Cluster');
  expect(config.apiVersion).toBe('kind.x-k8s.io/v1alpha4');
  return config;
}

function nodesOf(yaml: string): KindNode[] {
  return configOf(yaml).nodes;
}

describe('kindConfig', () => {
  it('defaults to one control plane and two workers on the pinned image', () => {
    const nodes = nodesOf(kindConfig());
    expect(nodes.map((n) => n.role)).toEqual(['control-plane', 'worker', 'worker']);
    for (const node of nodes) expect(node.image).toBe(KIND_NODE_IMAGE);
    expect(KIND_NODE_IMAGE).toMatch(/^kindest\/node:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
  });

  it('pins kind v0.33.0’s own default node image (sigs.k8s.io/kind@v0.33.0 pkg/apis/config/defaults/image.go)', () => {
    expect(KIND_VERSION).toBe('v0.33.0');
    expect(KIND_NODE_IMAGE).toBe(
      'kindest/node:v1.37.0@sha256:a1ed56cfb0e7b93589bdf97c8cd566405a265939e3620fc4f5de89adff580ae5',
    );
  });

  // kind v0.33 writes kubeadm v1beta4 for Kubernetes >= 1.36, where kubeletExtraArgs is a list, not
  // v1beta3's map: a map-form node-labels patch breaks on the pinned v1.37 image. kind's own
  // nodes[].labels works with every kubeadm config version.
  it('labels only the control plane ingress-ready=true with kind’s labels field, not a kubeadm patch', () => {
    const config = configOf(kindConfig());
    const [controlPlane, ...workers] = config.nodes;
    expect(controlPlane!.labels).toEqual({ 'ingress-ready': 'true' });
    expect(controlPlane!.kubeadmConfigPatches).toBeUndefined();
    expect(config.kubeadmConfigPatches).toBeUndefined();
    expect(kindConfig()).not.toContain('kubeletExtraArgs');
    expect(kindConfig()).not.toContain('node-labels');
    for (const worker of workers) expect(worker.labels).toBeUndefined();
  });

  it('lets kubelet start on a cgroup v1 host: one cluster-wide KubeletConfiguration patch failCgroupV1: false', () => {
    const config = configOf(kindConfig({ cgroupV1: true }));
    expect(config.kubeadmConfigPatches!.map((patch) => parse(patch))).toEqual([
      { kind: 'KubeletConfiguration', failCgroupV1: false },
    ]);
    expect(config.kubeadmConfigPatches).toEqual(['kind: KubeletConfiguration\nfailCgroupV1: false\n']);
    // Cluster-level, so kind applies it to every node; the nodes carry no patches of their own.
    for (const node of config.nodes) expect(node.kubeadmConfigPatches).toBeUndefined();
    expect(config.nodes[0]!.labels).toEqual({ 'ingress-ready': 'true' });
    expect(configOf(kindConfig({ cgroupV1: false })).kubeadmConfigPatches).toBeUndefined();
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

describe('kubernetesVersionOf', () => {
  it.each([
    [KIND_NODE_IMAGE, 'v1.37.0'],
    ['prload.local/kind-node:v1.36.4', 'v1.36.4'],
    ['registry.example:5000/kindest/node:v1.35.2@sha256:' + 'a'.repeat(64), 'v1.35.2'],
    ['prload.local/kind-node:dev', undefined],
    ['prload.local/kind-node', undefined],
  ])('%s → %s', (image, version) => {
    expect(kubernetesVersionOf(image)).toBe(version);
  });
});
