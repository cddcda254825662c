import {
  AdmissionregistrationV1Api,
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  VersionApi,
} from '@kubernetes/client-node';

/** The kubeconfig of the cluster scripts/test-k8s.mjs started; these tests never pick a cluster themselves. */
export function kubeconfigPath(): string {
  const path = process.env['PRLOAD_K8S_KUBECONFIG'];
  if (!path) throw new Error('PRLOAD_K8S_KUBECONFIG is not set — run these tests with `npm run test:k8s`');
  return path;
}

export function kubeConfig(path: string = kubeconfigPath()): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

export interface Apis {
  readonly kc: KubeConfig;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly version: VersionApi;
  readonly discovery: DiscoveryV1Api;
  readonly admission: AdmissionregistrationV1Api;
}

export function apis(kc: KubeConfig = kubeConfig()): Apis {
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    version: kc.makeApiClient(VersionApi),
    discovery: kc.makeApiClient(DiscoveryV1Api),
    admission: kc.makeApiClient(AdmissionregistrationV1Api),
  };
}

let counter = 0;

/** A fresh namespace per test, so tests never see each other's objects; `remove()` deletes it without waiting. */
export async function createNamespace(api: Apis, prefix: string): Promise<{ name: string; remove(): Promise<void> }> {
  counter += 1;
  const name = `${prefix}-${process.pid}-${counter}`.slice(0, 63);
  await api.core.createNamespace({ body: { metadata: { name } } });
  return {
    name,
    async remove() {
      await api.core.deleteNamespace({ name }).catch(() => undefined);
    },
  };
}

export interface DeploymentSpec {
  readonly name: string;
  readonly namespace: string;
  readonly replicas?: number;
  readonly image?: string;
  readonly nodeSelector?: Record<string, string>;
  readonly labels?: Record<string, string>;
}

/** A Deployment whose pods kwok will mark Running and Ready (no image is ever pulled). */
export function deploymentManifest(spec: DeploymentSpec): V1Deployment {
  const labels = { app: spec.name, ...spec.labels };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, namespace: spec.namespace, labels },
    spec: {
      replicas: spec.replicas ?? 2,
      selector: { matchLabels: { app: spec.name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'app',
              image: spec.image ?? 'hashicorp/http-echo:1.0',
              ports: [{ containerPort: 5678, name: 'http' }],
            },
          ],
          ...(spec.nodeSelector ? { nodeSelector: spec.nodeSelector } : {}),
        },
      },
    },
  };
}

/** True when the Deployment controller has finished the rollout of the current spec, as `kubectl rollout status` judges. */
export function isRolledOut(d: V1Deployment): boolean {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want &&
    (s.readyReplicas ?? 0) === want
  );
}

/** JSON merge patch options for the typed clients' patch calls. */
export const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** Sets (or, with null, removes) a label on a node: the tests' gate for pods waiting on a nodeSelector. */
export async function labelNode(api: Apis, node: string, key: string, value: string | null): Promise<void> {
  await api.core.patchNode({ name: node, body: { metadata: { labels: { [key]: value } } } }, MERGE_PATCH);
}

export async function firstNodeName(api: Apis): Promise<string> {
  const nodes = await api.core.listNode();
  const name = nodes.items[0]?.metadata?.name;
  if (!name) throw new Error('the test cluster has no node');
  return name;
}
