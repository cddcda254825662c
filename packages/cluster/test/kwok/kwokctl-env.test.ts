import { describe, expect, it } from 'vitest';
import { defaultKwokBinDir, KWOK_KUBE_VERSION } from '../../src/kwok/kwok-binaries.js';
import { kwokctlEnv } from '../../src/kwok/kwokctl-env.js';

describe('kwokctlEnv', () => {
  it('points the binary runtime at binDir and pins the versions kwokctl derives flags from', () => {
    expect(kwokctlEnv({ binDir: '/b', kubeVersion: 'v1.36.4', etcdVersion: 'v3.6.8' })).toEqual({
      KWOK_RUNTIME: 'binary',
      KWOK_KUBE_VERSION: 'v1.36.4',
      KWOK_KUBE_BINARY_PREFIX: '/b',
      KWOK_ETCD_VERSION: '3.6.8',
      KWOK_ETCD_BINARY: '/b/etcd',
      KWOK_CONTROLLER_BINARY: '/b/kwok',
    });
  });

  it('adds kubectl and the workdir only when given', () => {
    const env = kwokctlEnv({
      binDir: '/b',
      kubeVersion: 'v1',
      etcdVersion: '3.6.8',
      kubectlPath: '/t/kubectl',
      workdir: '/w',
    });
    expect(env['KWOK_KUBECTL_BINARY']).toBe('/t/kubectl');
    expect(env['KWOK_WORKDIR']).toBe('/w');
  });
});

describe('defaultKwokBinDir', () => {
  it.each([
    [{ PRLOAD_K8S_BIN_DIR: '/x' }, '/x'],
    [{ PRLOAD_CACHE_DIR: '/c' }, `/c/k8s/${KWOK_KUBE_VERSION}/bin`],
    [{}, `/home/u/.cache/prload/k8s/${KWOK_KUBE_VERSION}/bin`],
  ])('%o -> %s', (env, expected) => {
    expect(defaultKwokBinDir(env, '/home/u')).toBe(expected);
  });
});
