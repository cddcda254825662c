import { describe, expect, it } from 'vitest';
import {
  createClusterArgs,
  deleteClusterArgs,
  scaleNodesArgs,
  waitNodesReadyArgs,
} from '../../src/kwok/kwokctl-args.js';

describe('createClusterArgs', () => {
  it('names the run kubeconfig and the wait, and quiets downloads', () => {
    expect(createClusterArgs({ name: 'pr-1', kubeconfigPath: '/run/kc', waitSeconds: 90 })).toEqual([
      'create',
      'cluster',
      '--name',
      'pr-1',
      '--kubeconfig',
      '/run/kc',
      '--wait',
      '90s',
      '--quiet-pull',
    ]);
  });

  it('passes one --extra-args per component flag, in component=key=value form', () => {
    const args = createClusterArgs({
      name: 'x',
      kubeconfigPath: '/k',
      waitSeconds: 1,
      disableQpsLimits: true,
      extraArgs: {
        'kube-apiserver': { 'min-request-timeout': '5', v: '2' },
        'kube-scheduler': { v: '4' },
      },
    });
    expect(args.slice(9)).toEqual([
      '--disable-qps-limits',
      '--extra-args',
      'kube-apiserver=min-request-timeout=5',
      '--extra-args',
      'kube-apiserver=v=2',
      '--extra-args',
      'kube-scheduler=v=4',
    ]);
  });

  it('serves the kwok CRDs asked for in one --enable-crds, and none by default', () => {
    const base = { name: 'x', kubeconfigPath: '/k', waitSeconds: 1 };
    expect(createClusterArgs({ ...base, enableCrds: ['Metric', 'ClusterResourceUsage'] }).slice(9)).toEqual([
      '--enable-crds=Metric,ClusterResourceUsage',
    ]);
    expect(createClusterArgs({ ...base, enableCrds: [] }).slice(9)).toEqual([]);
  });
});

describe('other kwokctl commands', () => {
  it('scales, deletes and waits on the named cluster only', () => {
    expect(scaleNodesArgs('c', 50)).toEqual(['scale', 'node', '--replicas', '50', '--name', 'c']);
    expect(deleteClusterArgs('c', '/k')).toEqual(['delete', 'cluster', '--name', 'c', '--kubeconfig', '/k']);
    expect(waitNodesReadyArgs('/k', 30)).toEqual([
      '--kubeconfig',
      '/k',
      'wait',
      '--for=condition=Ready',
      'nodes',
      '--all',
      '--timeout=30s',
    ]);
  });
});
