import type { KubeConfig, V1Deployment, V1Pod } from '@kubernetes/client-node';
import { isDeploymentRolledOut } from './deployment-rollout.js';
import { diagnosePod } from './diagnose-pod.js';
import type { ContainerLogs, Diagnostics } from './diagnostics-types.js';
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
  const errors: string[] = [];
  const timeout = AbortSignal.timeout(Math.ceil(options.timeoutMs ?? 15_000));
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const attempt = async <T>(section: string, fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      errors.push(`${section}: ${describeError(error)}`);
      return fallback;
    }
  };

  const clients = await attempt('client', () => kubeClients(options.kubeConfig), undefined);
  if (!clients) return empty(namespace, errors);
  const { apps, core, networking } = clients;
  const opts = await abortable(signal);

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

  const logTargets = podDiagnoses
    .flatMap((p) => p.failingContainers.map((c) => ({ pod: p.name, ...c })))
    .slice(0, options.maxLogContainers ?? 5);
  const tailLines = options.logTailLines ?? 20;
  const logs = await Promise.all(
    logTargets.map((t) =>
      attempt<ContainerLogs | undefined>(
        `logs ${t.pod}/${t.name}`,
        async () => {
          const text = await core.readNamespacedPodLog(
            { name: t.pod, namespace, container: t.name, tailLines, previous: t.previous },
            opts,
          );
          const lines = String(text ?? '').split('\n');
          if (lines.at(-1) === '') lines.pop();
          return { pod: t.pod, container: t.name, previous: t.previous, lines: lines.slice(-tailLines) };
        },
        undefined,
      ),
    ),
  );

  return {
    namespace,
    collectedAt: new Date().toISOString(),
    deployments,
    pods: podDiagnoses,
    events: summarizeEvents(events, options.eventLimit ?? 20),
    logs: logs.filter((l): l is ContainerLogs => l !== undefined),
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

/** One line: the API's Status message when there is one (ApiException's own message is multi-line). */
function describeError(error: unknown): string {
  const { code, body, message } = (error ?? {}) as { code?: unknown; body?: unknown; message?: unknown };
  let text = typeof message === 'string' ? (message.split('\n')[0] ?? '') : String(error);
  const status = typeof body === 'string' ? safeJson(body) : body;
  if (status && typeof status === 'object' && typeof (status as { message?: unknown }).message === 'string') {
    text = (status as { message: string }).message;
  }
  return typeof code === 'number' ? `HTTP ${code}: ${text}` : text;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function empty(namespace: string, errors: string[]): Diagnostics {
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
