import type { KubeConfig, V1Deployment, V1Pod } from '@kubernetes/client-node';
import { isDeploymentRolledOut } from './deployment-rollout.js';
import { diagnosePod } from './diagnose-pod.js';
import { startGathering, tailFailingLogs } from './diagnostics-gathering.js';
import type { Diagnostics } from './diagnostics-types.js';
import { abortable, kubeClients } from './kube-client.js';
import { matchesSelector } from './label-selector.js';
import { summarizeEvents } from './summarize-events.js';
import { summarizeIngress } from './summarize-ingress.js';

export interface CollectDiagnosticsOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  /**
   * Deployments to explain; pods are narrowed to theirs.
   * @default every Deployment and pod of the namespace
   */
  readonly deployments?: readonly string[];
  /** @default undefined */
  readonly signal?: AbortSignal;
  /**
   * Budget for the whole collection: it runs after a deadline already passed.
   * @default 15_000
   */
  readonly timeoutMs?: number;
  /**
   * Most recent events kept.
   * @default 20
   */
  readonly eventLimit?: number;
  /**
   * Log lines kept per failing container.
   * @default 20
   */
  readonly logTailLines?: number;
  /**
   * Failing containers whose logs are fetched.
   * @default 5
   */
  readonly maxLogContainers?: number;
}

/**
 * Gathers why a namespace is not ready. Best effort and never throws: a section that cannot be
 * read (RBAC, API down) is named in `errors` so the report still shows the rest.
 */
export async function collectDiagnostics(options: CollectDiagnosticsOptions): Promise<Diagnostics> {
  const { namespace } = options;
  const gathering = startGathering(options);
  const { attempt, errors } = gathering;

  const clients = await attempt('client', () => kubeClients(options.kubeConfig), undefined);
  if (!clients) return emptyDiagnostics(namespace, errors);
  const { apps, core, networking } = clients;
  const opts = await abortable(gathering.signal);

  const [deps, pods, events, ingresses] = await Promise.all([
    attempt('deployments', async () => (await apps.listNamespacedDeployment({ namespace }, opts)).items, []),
    attempt('pods', async () => (await core.listNamespacedPod({ namespace }, opts)).items, []),
    attempt('events', async () => (await core.listNamespacedEvent({ namespace }, opts)).items, []),
    attempt('ingresses', async () => (await networking.listNamespacedIngress({ namespace }, opts)).items, []),
  ]);

  const wanted = options.deployments ? new Set(options.deployments) : undefined;
  const chosen = deps.filter((d) => !wanted || wanted.has(d.metadata?.name ?? ''));
  const deployments = chosen.map((d) => ({ name: d.metadata?.name ?? '<unnamed>', ...pick(isDeploymentRolledOut(d)) }));
  for (const name of wanted ?? []) {
    if (!chosen.some((d) => d.metadata?.name === name)) {
      deployments.push({ name, done: false, reason: `deployment ${name}: not found` });
    }
  }
  const podDiagnoses = relevantPods(pods, wanted ? chosen : undefined).flatMap((p) => diagnosePod(p) ?? []);
  const logs = await tailFailingLogs(gathering, core, namespace, podDiagnoses, {
    tailLines: options.logTailLines ?? 20,
    maxContainers: options.maxLogContainers ?? 5,
  });

  return {
    namespace,
    collectedAt: new Date().toISOString(),
    deployments,
    pods: podDiagnoses,
    events: summarizeEvents(events, options.eventLimit ?? 20),
    logs,
    ingresses: ingresses.map(summarizeIngress),
    errors,
  };
}

/** Pods selected by the given Deployments, or every pod when none are given. */
function relevantPods(pods: readonly V1Pod[], deployments: readonly V1Deployment[] | undefined): V1Pod[] {
  if (!deployments) return [...pods];
  return pods.filter((pod) =>
    deployments.some((d) => d.spec?.selector && matchesSelector(pod.metadata?.labels, d.spec.selector)),
  );
}

function pick(s: { done: boolean; reason: string }) {
  return { done: s.done, reason: s.reason };
}

/** Diagnostics with no section filled in, e.g. when no API client could be made. */
export function emptyDiagnostics(namespace: string, errors: readonly string[]): Diagnostics {
  return {
    namespace,
    collectedAt: new Date().toISOString(),
    deployments: [],
    pods: [],
    events: [],
    logs: [],
    ingresses: [],
    errors,
  };
}
