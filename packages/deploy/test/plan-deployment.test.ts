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
          '2.6.4',
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
      version: '2.6.4',
      localChart: false,
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

  it('with wait: false helm only applies, for helm 3 and 4 alike: no rollback that would delete failing pods', () => {
    for (const helmMajor of [3, 4] as const) {
      const plan = planDeployment({ ...BASE, helmMajor, wait: false, timeoutSeconds: 120, kubeContext: undefined });
      for (const command of plan.commands) {
        expect(command.args.slice(-4)).toEqual(['--timeout', '120s', '--kubeconfig', '/k/config']);
        expect(command.args.join(' ')).not.toMatch(/--wait|--atomic|--rollback-on-failure/);
      }
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
    const plan = planDeployment({ ...BASE, helmMajor: 4, ingressController: 'none', chart: '/charts/echo' });
    expect(plan.controller).toBeUndefined();
    expect(plan.commands.map((c) => c.args[2])).toEqual(['foo', 'bar']);
    expect(plan.commands[0]!.args[3]).toBe('/charts/echo');
  });

  it('installs Traefik from its OCI chart, and the apps use its IngressClass', () => {
    const plan = planDeployment({ ...BASE, helmMajor: 4, ingressController: 'traefik' });
    expect(plan.commands[0]!.args.slice(0, 8)).toEqual([
      'upgrade',
      '--install',
      'traefik',
      'oci://ghcr.io/traefik/helm/traefik',
      '--version',
      '41.3.0',
      '--namespace',
      'traefik',
    ]);
    expect(plan.controller).toMatchObject({
      name: 'traefik',
      deployment: 'traefik',
      service: { name: 'traefik', port: 80 },
      ingressClassName: 'traefik',
    });
    expect(plan.controller?.admissionWebhook).toBeUndefined();
    for (const app of plan.apps) expect(app.values['ingress']).toEqual({ enabled: true, className: 'traefik' });
  });

  it('installs the controller from a local chart folder: no --repo, no --version', () => {
    const plan = planDeployment({
      ...BASE,
      helmMajor: 4,
      ingressController: 'ingress-nginx',
      ingressChart: '/srv/charts/ingress-nginx',
      ingressChartVersion: '4.11.0',
    });
    expect(plan.commands[0]!.args.slice(0, 6)).toEqual([
      'upgrade',
      '--install',
      'ingress-nginx',
      '/srv/charts/ingress-nginx',
      '--namespace',
      'ingress-nginx',
    ]);
    expect(plan.commands[0]!.args).not.toContain('--repo');
    expect(plan.commands[0]!.args).not.toContain('--version');
    expect(plan.controller).toMatchObject({ chart: '/srv/charts/ingress-nginx', localChart: true });
    expect(plan.controller?.version).toBeUndefined();
  });

  it('installs the controller from a mirror’s oci:// reference at the given version, with the mirrored image', () => {
    const plan = planDeployment({
      ...BASE,
      helmMajor: 4,
      ingressController: 'traefik',
      ingressChart: 'oci://mirror.local/traefik/helm/traefik',
      ingressChartVersion: '41.3.0',
      ingressImage: 'mirror.local/traefik:v3.7.11',
    });
    expect(plan.commands[0]!.args.slice(3, 6)).toEqual([
      'oci://mirror.local/traefik/helm/traefik',
      '--version',
      '41.3.0',
    ]);
    expect(plan.controller?.values['image']).toEqual({
      registry: 'mirror.local',
      repository: 'traefik',
      tag: 'v3.7.11',
    });
  });

  it('runs every app on appImage unless the app names its own image, clearing the chart’s digest', () => {
    const digest = `sha256:${'d'.repeat(64)}`;
    const plan = planDeployment({
      ...BASE,
      helmMajor: 4,
      appImage: 'mirror.local/hashicorp/http-echo:1.0.0',
      apps: [APPS[0]!, { ...APPS[1]!, image: `prload.local/http-echo@${digest}` }],
    });
    expect(plan.apps.map((app) => app.values['image'])).toEqual([
      { repository: 'mirror.local/hashicorp/http-echo', tag: '1.0.0', digest: '' },
      { repository: 'prload.local/http-echo', digest },
    ]);
    // Without an override the chart's own pinned image stays.
    expect(planDeployment({ ...BASE, helmMajor: 4 }).apps[0]!.values['image']).toBeUndefined();
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
      { ingressController: 'haproxy' as 'nginx' },
      /deploy\.ingressController: must be one of nginx, ingress-nginx, traefik or none, got "haproxy"/,
    ],
    [{ timeoutSeconds: 0 }, 'deploy.timeoutSeconds: must be a positive integer, got 0'],
    [{ ingressImage: 'Traefik:v3' }, /^deploy\.ingressImage: must be an image reference like/],
    [{ appImage: 'echo@sha256:1' }, /^deploy\.appImage: must end in a digest/],
    [{ apps: [{ ...APPS[0]!, image: 'a b' }] }, /^apps\.foo\.image: must be an image reference/],
    [{ ingressChart: 'https://charts.example/x' }, /^deploy\.ingressChart: must be a local chart folder or an oci:/],
  ])('rejects %j', (override, message) => {
    expect(() => planDeployment({ ...BASE, helmMajor: 4, ...override })).toThrow(DeployConfigError);
    expect(() => planDeployment({ ...BASE, helmMajor: 4, ...override })).toThrow(message);
  });
});
