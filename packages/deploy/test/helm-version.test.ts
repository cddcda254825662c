import { createRecordingExecutor } from '@prload/cluster/testing';
import { describe, expect, it } from 'vitest';
import { HelmVersionError } from '../src/errors.js';
import { waitFlags } from '../src/helm-flags.js';
import { detectHelmVersion, helmVersionOf } from '../src/helm-version.js';

describe('helm version', () => {
  it.each([
    ['v3.14.4+g81c902a\n', { version: 'v3.14.4', major: 3 }],
    ['v3.19.0+g3d8990f', { version: 'v3.19.0', major: 3 }],
    ['v4.0.0+g1c3e2a4', { version: 'v4.0.0', major: 4 }],
    ['v4.1.4+g05fa379\n', { version: 'v4.1.4', major: 4 }],
  ])('reads %j', (stdout, expected) => {
    expect(helmVersionOf(stdout)).toEqual(expected);
  });

  it.each(['Client: &version.Version{SemVer:"v2.17.0"}', 'v5.0.0+gabc', 'v2.17.0+ga690bad', ''])(
    'rejects %j',
    (stdout) => {
      expect(() => helmVersionOf(stdout)).toThrow(HelmVersionError);
    },
  );

  it('runs helm version --short through the executor', async () => {
    const executor = createRecordingExecutor({ fallback: { stdout: 'v3.18.6+gb76a950\n' } });
    expect(await detectHelmVersion({ executor, helmPath: '/opt/helm' })).toEqual({ version: 'v3.18.6', major: 3 });
    expect(executor.calls.map((c) => [c.file, ...c.args])).toEqual([['/opt/helm', 'version', '--short']]);
  });

  it('reports a helm that fails to run', async () => {
    const executor = createRecordingExecutor({ fallback: { exitCode: 2, stderr: 'segfault\n' } });
    await expect(detectHelmVersion({ executor })).rejects.toThrow(
      'helm version --short failed: segfault — check the helm binary',
    );
  });
});

describe('waitFlags', () => {
  it('uses --atomic --wait on helm 3', () => {
    expect(waitFlags(3, 300)).toEqual(['--atomic', '--wait', '--timeout', '300s']);
  });

  it('uses --rollback-on-failure and the kstatus watcher on helm 4', () => {
    expect(waitFlags(4, 120)).toEqual(['--rollback-on-failure', '--wait=watcher', '--timeout', '120s']);
  });
});
