import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordingExecutor } from '@prload/cluster/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ChartNotFoundError, HelmError } from '../src/errors.js';
import { inClusterUrl } from '../src/index.js';
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
      `helm upgrade --install nginx-ingress oci://ghcr.io/nginx/charts/nginx-ingress --version 2.6.4 --namespace nginx-ingress --create-namespace --values ${join(valuesDir, 'ingress-controller.values.yaml')} --rollback-on-failure --wait=watcher --timeout 300s --kubeconfig /k --kube-context kind-p`,
    ]);
    expect(parse(await readFile(join(valuesDir, 'ingress-controller.values.yaml'), 'utf8'))).toEqual(
      ingressControllers.nginx.values({ ingressClassName: 'nginx' }),
    );
    expect(installed).toEqual({
      name: 'nginx',
      release: 'nginx-ingress',
      chart: 'oci://ghcr.io/nginx/charts/nginx-ingress',
      version: '2.6.4',
      localChart: false,
      namespace: 'nginx-ingress',
      deployment: 'nginx-ingress-controller',
      service: { name: 'nginx-ingress-controller', port: 80 },
      ingressClassName: 'nginx',
    });
    expect(inClusterUrl(installed)).toBe('http://nginx-ingress-controller.nginx-ingress.svc:80');
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

  it('installs Traefik from a local chart folder with the image given, naming the folder', async () => {
    const chart = join(valuesDir, 'traefik');
    await mkdir(chart);
    await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: traefik\nversion: 41.3.0\n');
    const executor = createRecordingExecutor();
    const logs: string[] = [];
    const installed = await installIngressController({
      executor,
      valuesDir,
      helmMajor: 4,
      ingressController: 'traefik',
      ingressChart: chart,
      ingressChartVersion: '99.0.0',
      ingressImage: 'prload.local/traefik:v3.7.11',
      log: (line) => logs.push(line),
    });
    expect(executor.commandLines()).toEqual([
      `helm upgrade --install traefik ${chart} --namespace traefik --create-namespace --values ${join(valuesDir, 'ingress-controller.values.yaml')} --rollback-on-failure --wait=watcher --timeout 300s`,
    ]);
    const values = parse(await readFile(join(valuesDir, 'ingress-controller.values.yaml'), 'utf8'));
    expect(values.image).toEqual({ registry: 'prload.local', repository: 'traefik', tag: 'v3.7.11' });
    expect(installed).toMatchObject({
      name: 'traefik',
      chart,
      localChart: true,
      deployment: 'traefik',
      service: { name: 'traefik', port: 80 },
    });
    expect(logs).toEqual([`installing traefik (${chart}) into namespace traefik`]);
  });

  it('fails before helm runs when the local chart folder holds no chart', async () => {
    const executor = createRecordingExecutor();
    const error = await installIngressController({
      executor,
      valuesDir,
      helmMajor: 4,
      ingressController: 'traefik',
      ingressChart: join(valuesDir, 'nope'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChartNotFoundError);
    expect((error as Error).message).toBe(
      `chart ${join(valuesDir, 'nope')}: no Chart.yaml there — set the ingress chart to a chart folder (helm pull --untar) or an oci:// reference`,
    );
    expect(executor.calls).toHaveLength(0);
  });
});
