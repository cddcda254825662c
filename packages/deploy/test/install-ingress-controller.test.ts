import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordingExecutor } from '@prload/cluster';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HelmError } from '../src/errors.js';
import { ingressControllers } from '../src/ingress-controllers.js';
import { installIngressController } from '../src/install-ingress-controller.js';

let valuesDir: string;
beforeEach(async () => {
  valuesDir = await mkdtemp(join(tmpdir(), 'prload-controller-'));
});
afterEach(async () => {
  await rm(valuesDir, { recursive: true, force: true });
});

describe('installIngressController', () => {
  it('installs the F5 controller by default and writes its values', async () => {
    const executor = createRecordingExecutor({
      responses: [{ match: 'helm version', results: [{ stdout: 'v4.1.4+g05fa379\n' }] }],
    });
    const installed = await installIngressController({
      executor,
      valuesDir,
      kubeconfigPath: '/k',
      kubeContext: 'kind-p',
    });
    expect(executor.commandLines()).toEqual([
      'helm version --short',
      `helm upgrade --install nginx-ingress oci://ghcr.io/nginx/charts/nginx-ingress --version 2.5.1 --namespace nginx-ingress --create-namespace --values ${join(valuesDir, 'ingress-controller.values.yaml')} --rollback-on-failure --wait=watcher --timeout 300s --kubeconfig /k --kube-context kind-p`,
    ]);
    expect(parse(await readFile(join(valuesDir, 'ingress-controller.values.yaml'), 'utf8'))).toEqual(
      ingressControllers.nginx.values({ ingressClassName: 'nginx' }),
    );
    expect(installed).toEqual({
      name: 'nginx',
      release: 'nginx-ingress',
      chart: 'oci://ghcr.io/nginx/charts/nginx-ingress',
      version: '2.5.1',
      namespace: 'nginx-ingress',
      deployment: 'nginx-ingress-controller',
      ingressClassName: 'nginx',
    });
  });

  it('returns ingress-nginx’s admission webhook for the probe to wait on', async () => {
    const executor = createRecordingExecutor();
    const installed = await installIngressController({
      executor,
      valuesDir,
      helmMajor: 3,
      ingressController: 'ingress-nginx',
    });
    expect(installed.admissionWebhook).toEqual(ingressControllers['ingress-nginx'].admissionWebhook);
    expect(executor.calls[0]!.args).toEqual(expect.arrayContaining(['--atomic', '--wait', '--repo']));
  });

  it('keeps helm’s stderr on failure', async () => {
    const stderr = 'Error: failed to perform "FetchReference" on source: dial tcp: lookup ghcr.io: no such host\n';
    const executor = createRecordingExecutor({ fallback: { exitCode: 1, stderr } });
    const error = await installIngressController({ executor, valuesDir, helmMajor: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelmError);
    expect((error as HelmError).stderr).toBe(stderr);
    expect((error as HelmError).release).toBe('nginx-ingress');
    expect((error as HelmError).code).toBe('DEPLOY_HELM');
    expect((error as Error).message).toContain('no such host');
  });
});
