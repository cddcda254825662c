import { describe, expect, it } from 'vitest';
import { defaultChartPath } from '../src/chart-path.js';
import { DeployConfigError } from '../src/errors.js';
import { planDeployment } from '../src/plan-deployment.js';

const APPS = [
  { name: 'foo', text: 'foo', host: 'foo.127.0.0.1.nip.io' },
  { name: 'bar', text: 'bar', host: 'bar.127.0.0.1.nip.io', replicas: 3 },
];
const BASE = { apps: APPS, namespace: 'prload', valuesDir: '/v', kubeconfigPath: '/k/config', kubeContext: 'kind-p' };

describe('planDeployment', () => {
  it('plans the F5 controller then one release per app, for helm 4', () => {
    const plan = planDeployment({ ...BASE, helmMajor: 4 });
    const cluster = ['--kubeconfig', '/k/config', '--kube-context', 'kind-p'];
    const wait = ['--rollback-on-failure', '--wait=watcher', '--timeout', '300s'];
    expect(plan.commands).toEqual([
      {
        file: 'helm',
        args: [
          'upgrade',
          '--install',
          'nginx-ingress',
          'oci://ghcr.io/nginx/charts/nginx-ingress',
          '--version',
          '2.5.1',
          '--namespace',
          'nginx-ingress',
          '--create-namespace',
          '--values',
          '/v/ingress-controller.values.yaml',
          ...wait,
          ...cluster,
        ],
      },
      {
        file: 'helm',
        args: [
          'upgrade',
          '--install',
          'foo',
          defaultChartPath(),
          '--namespace',
          'prload',
          '--create-namespace',
          '--values',
          '/v/app-foo.values.yaml',
          ...wait,
          ...cluster,
        ],
      },
      {
        file: 'helm',
        args: [
          'upgrade',
          '--install',
          'bar',
          defaultChartPath(),
          '--namespace',
          'prload',
          '--create-namespace',
          '--values',
          '/v/app-bar.values.yaml',
          ...wait,
          ...cluster,
        ],
      },
    ]);
    expect(plan.controller).toMatchObject({
      name: 'nginx',
      release: 'nginx-ingress',
      chart: 'oci://ghcr.io/nginx/charts/nginx-ingress',
      version: '2.5.1',
      namespace: 'nginx-ingress',
      ingressClassName: 'nginx',
    });
    expect(plan.apps.map((a) => [a.release, a.values])).toEqual([
      [
        'foo',
        {
          text: 'foo',
          host: 'foo.127.0.0.1.nip.io',
          path: '/',
          replicaCount: 2,
          ingress: { enabled: true, className: 'nginx' },
        },
      ],
      [
        'bar',
        {
          text: 'bar',
          host: 'bar.127.0.0.1.nip.io',
          path: '/',
          replicaCount: 3,
          ingress: { enabled: true, className: 'nginx' },
        },
      ],
    ]);
  });

  it('uses helm 3’s --atomic --wait', () => {
    const plan = planDeployment({ ...BASE, helmMajor: 3, timeoutSeconds: 90, kubeContext: undefined });
    for (const command of plan.commands) {
      expect(command.args.slice(-6)).toEqual(['--atomic', '--wait', '--timeout', '90s', '--kubeconfig', '/k/config']);
      expect(command.args).not.toContain('--rollback-on-failure');
    }
  });

  it('installs ingress-nginx from its repo and reports its webhook', () => {
    const plan = planDeployment({
      ...BASE,
      helmMajor: 4,
      ingressController: 'ingress-nginx',
      ingressClassName: 'lt',
      helmPath: '/bin/helm',
    });
    expect(plan.commands[0]!.file).toBe('/bin/helm');
    expect(plan.commands[0]!.args.slice(0, 9)).toEqual([
      'upgrade',
      '--install',
      'ingress-nginx',
      'ingress-nginx',
      '--repo',
      'https://kubernetes.github.io/ingress-nginx',
      '--version',
      '4.14.1',
      '--namespace',
    ]);
    expect(plan.controller?.admissionWebhook?.service).toBe('ingress-nginx-controller-admission');
    expect(plan.apps[0]!.values['ingress']).toEqual({ enabled: true, className: 'lt' });
  });

  it('skips the controller for clusters that have one', () => {
    const plan = planDeployment({ ...BASE, helmMajor: 4, ingressController: 'none', chartPath: '/charts/echo' });
    expect(plan.controller).toBeUndefined();
    expect(plan.commands.map((c) => c.args[2])).toEqual(['foo', 'bar']);
    expect(plan.commands[0]!.args[3]).toBe('/charts/echo');
  });

  it('lets an app add chart values', () => {
    const plan = planDeployment({
      ...BASE,
      helmMajor: 4,
      apps: [{ name: 'foo', text: 't', host: 'h', values: { resources: { limits: { cpu: '1' } } } }],
    });
    expect(plan.apps[0]!.values['resources']).toEqual({ limits: { cpu: '1' } });
  });

  it.each([
    [{ apps: [{ name: 'Foo', text: 't', host: 'h' }] }, /apps\.Foo\.name: must be lowercase/],
    [{ apps: [{ name: 'x'.repeat(54), text: 't', host: 'h' }] }, /at most 53 characters/],
    [{ apps: [APPS[0]!, { ...APPS[0]!, host: 'other' }] }, 'apps: foo is listed twice — app names must be unique'],
    [
      { apps: [APPS[0]!, { ...APPS[1]!, host: APPS[0]!.host }] },
      "apps.bar.host: foo.127.0.0.1.nip.io is also foo's host — each app needs its own",
    ],
    [
      { ingressController: 'traefik' as 'nginx' },
      /deploy\.ingressController: must be one of nginx, ingress-nginx or none, got "traefik"/,
    ],
    [{ timeoutSeconds: 0 }, 'deploy.timeoutSeconds: must be a positive integer, got 0'],
  ])('rejects %j', (override, message) => {
    expect(() => planDeployment({ ...BASE, helmMajor: 4, ...override })).toThrow(DeployConfigError);
    expect(() => planDeployment({ ...BASE, helmMajor: 4, ...override })).toThrow(message);
  });
});
