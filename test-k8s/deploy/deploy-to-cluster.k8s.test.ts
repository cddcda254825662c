import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NetworkingV1Api } from '@kubernetes/client-node';
import { type Cluster, createExecutor, type Executor } from '@prload/cluster';
import { deployToCluster, inClusterUrl } from '@prload/deploy';
import { waitForRollouts, waitForWebhookEndpoints } from '@prload/probe';
import { kubeWorkloads } from '@prload/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Apis, apis, createNamespace, firstNodeName, kubeconfigPath, labelNode } from '../support/kube.js';

const helm = process.env['PRLOAD_HELM'] ?? 'helm';
const context = process.env['PRLOAD_K8S_CONTEXT'];
/** Traefik's upstream chart kept next to the checkout for offline machines; elsewhere its pinned oci:// reference. */
const THIRD_PARTY =
  process.env['PRLOAD_THIRD_PARTY_DIR'] ?? fileURLToPath(new URL('../../../shared/third_party', import.meta.url));
const TRAEFIK_CHART = `${THIRD_PARTY}/traefik-chart-41.3.0/traefik`;
const APPS = [
  { name: 'foo', text: 'foo', host: 'foo.prload.test', replicas: 2 },
  { name: 'bar', text: 'bar', host: 'bar.prload.test', replicas: 1 },
];

let api: Apis;
const namespaces: { name: string; remove(): Promise<void> }[] = [];
beforeAll(() => {
  api = apis();
});
afterAll(async () => {
  for (const ns of namespaces) await ns.remove();
});

async function namespace(prefix: string): Promise<string> {
  const ns = await createNamespace(api, prefix);
  namespaces.push(ns);
  return ns.name;
}

/** The test control plane as a provider would describe it. */
function clusterIn(ns: string, carriesTraffic: boolean): Cluster {
  return {
    provider: carriesTraffic ? 'existing' : 'kwok',
    name: 'test-k8s',
    ingressUrl: '',
    kubeconfigPath: kubeconfigPath(),
    ...(context ? { context } : {}),
    namespace: ns,
    carriesTraffic,
    versions: {},
    destroy: async () => {},
  };
}

/** The real executor, keeping each command's arguments. */
function recordingExecutor(): Executor & { readonly commands: string[][] } {
  const inner = createExecutor();
  const commands: string[][] = [];
  return {
    commands,
    run(file, args, options) {
      commands.push([...args]);
      return inner.run(file, args, options);
    },
  };
}

describe('deployToCluster with the real helm against a real control plane', () => {
  it('a cluster whose pods carry no traffic gets the apps only, which roll out', async () => {
    const ns = await namespace('deploy-kwok');
    const executor = recordingExecutor();
    const deployed = await deployToCluster(clusterIn(ns, false), {
      apps: APPS,
      ingressController: 'traefik',
      helmPath: helm,
      executor,
      wait: false,
      timeoutSeconds: 120,
    });
    expect(deployed.controller).toBeUndefined();
    expect(executor.commands.filter((args) => args[0] === 'upgrade').map((args) => args[2])).toEqual(['foo', 'bar']);
    const readiness = await waitForRollouts({
      kubeConfig: api.kc,
      targets: [{ namespace: ns, names: APPS.map((app) => app.name) }],
      timeoutMs: 60_000,
    });
    expect(readiness.map((r) => r.name)).toEqual(['foo', 'bar']);
  });

  it('installs Traefik, then the apps with its IngressClass; controller and apps roll out and are the workloads sampled; its ClusterIP Service reaches the pod', async () => {
    const ns = await namespace('deploy-traefik');
    const node = await firstNodeName(api);
    // Traefik's values for kind put it on the node labelled ingress-ready (the one owning the host ports).
    await labelNode(api, node, 'ingress-ready', 'true');
    try {
      const deployed = await deployToCluster(clusterIn(ns, true), {
        apps: APPS,
        ingressController: 'traefik',
        ...(existsSync(`${TRAEFIK_CHART}/Chart.yaml`) ? { ingressChart: TRAEFIK_CHART } : {}),
        helmPath: helm,
        wait: false,
        timeoutSeconds: 120,
      });
      const controller = deployed.controller!;
      expect(controller).toMatchObject({ name: 'traefik', namespace: 'traefik', deployment: 'traefik' });
      const ingress = await api.kc.makeApiClient(NetworkingV1Api).readNamespacedIngress({ name: 'foo', namespace: ns });
      expect(ingress.spec?.ingressClassName).toBe('traefik');

      const readiness = await waitForRollouts({
        kubeConfig: api.kc,
        targets: [
          { namespace: ns, names: APPS.map((app) => app.name) },
          { namespace: controller.namespace, names: [controller.deployment] },
        ],
        timeoutMs: 90_000,
      });
      expect(readiness.map((r) => r.name)).toEqual(['foo', 'bar', 'traefik']);
      const workloads = kubeWorkloads({ namespace: ns, apps: APPS, ingress: controller });
      for (const workload of workloads) {
        const d = await api.apps.readNamespacedDeployment({ name: workload.deployment, namespace: workload.namespace });
        expect(d.spec?.selector.matchLabels, workload.name).toBeDefined();
      }

      // In-cluster load generators reach Traefik through this Service, by cluster DNS.
      expect(inClusterUrl(controller)).toBe('http://traefik.traefik.svc:80');
      const service = await api.core.readNamespacedService({
        name: controller.service.name,
        namespace: controller.namespace,
      });
      expect(service.spec?.type).toBe('ClusterIP');
      expect(service.spec?.clusterIP).toMatch(/^[0-9a-f.:]+$/);
      expect(service.spec?.ports?.find((p) => p.port === controller.service.port)).toMatchObject({
        name: 'web',
        targetPort: 'web',
        protocol: 'TCP',
      });
      const pods = await api.apps.readNamespacedDeployment({
        name: controller.deployment,
        namespace: controller.namespace,
      });
      expect(pods.spec?.template.metadata?.labels).toMatchObject(service.spec?.selector ?? { selector: 'missing' });
      // The endpoint controller resolves the port name to the ready pod's web entrypoint.
      await waitForWebhookEndpoints({
        kubeConfig: api.kc,
        namespace: controller.namespace,
        serviceName: controller.service.name,
        timeoutMs: 30_000,
      });
      const slices = await api.discovery.listNamespacedEndpointSlice({
        namespace: controller.namespace,
        labelSelector: `kubernetes.io/service-name=${controller.service.name}`,
      });
      expect(slices.items.flatMap((slice) => slice.ports ?? [])).toContainEqual(
        expect.objectContaining({ name: 'web', port: 8000 }),
      );
    } finally {
      await createExecutor().run(helm, ['uninstall', 'traefik', '-n', 'traefik', '--kubeconfig', kubeconfigPath()]);
      await api.core.deleteNamespace({ name: 'traefik' }).catch(() => undefined);
      await labelNode(api, node, 'ingress-ready', null);
    }
  });
});
