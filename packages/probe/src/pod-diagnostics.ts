import type { CoreV1Event, KubeConfig } from '@kubernetes/client-node';
import { diagnosePod } from './diagnose-pod.js';
import { emptyDiagnostics } from './diagnostics.js';
import { startGathering, tailFailingLogs } from './diagnostics-gathering.js';
import type { Diagnostics } from './diagnostics-types.js';
import { abortable, kubeClients } from './kube-client.js';
import { summarizeEvents } from './summarize-events.js';

/** An object whose events belong in the diagnostics, e.g. the Job that creates the pods. */
export interface EventSource {
  /** e.g. `Pod`, `Job`. */
  readonly kind: string;
  readonly name: string;
}

export interface CollectPodDiagnosticsOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  /** Pods to explain, by name: their state, their events and the logs of their failing containers. */
  readonly pods: readonly string[];
  /**
   * Other objects whose events are included, e.g. `{ kind: 'Job', name }` (a pod the Job could not create
   * has no events of its own: the Job's `FailedCreate` says why).
   * @default []
   */
  readonly related?: readonly EventSource[];
  /** @default undefined */
  readonly signal?: AbortSignal;
  /**
   * Budget for the whole collection.
   * @default 15_000
   */
  readonly timeoutMs?: number;
  /**
   * Most recent events kept, over all the objects.
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
 * Why some pods of a namespace are not running or failed: each pod's reasons (a Ready or Succeeded pod has
 * none and is left out), the events of those pods and of `related` objects only (read with field
 * selectors, so a busy namespace costs nothing), and the logs of their failing containers. Best effort
 * and never throws, as collectDiagnostics: an unreadable section is named in `errors`.
 */
export async function collectPodDiagnostics(options: CollectPodDiagnosticsOptions): Promise<Diagnostics> {
  const { namespace } = options;
  const gathering = startGathering(options);
  const { attempt, errors } = gathering;
  const clients = await attempt('client', () => kubeClients(options.kubeConfig), undefined);
  if (!clients) return emptyDiagnostics(namespace, errors);
  const { core } = clients;
  const opts = await abortable(gathering.signal);

  const sources: EventSource[] = [...options.pods.map((name) => ({ kind: 'Pod', name })), ...(options.related ?? [])];
  const [pods, eventLists] = await Promise.all([
    Promise.all(
      options.pods.map((name) =>
        attempt(`pod ${name}`, () => core.readNamespacedPod({ name, namespace }, opts), undefined),
      ),
    ),
    Promise.all(
      sources.map((s) =>
        attempt(
          `events of ${s.kind}/${s.name}`,
          async () =>
            (
              await core.listNamespacedEvent(
                { namespace, fieldSelector: `involvedObject.kind=${s.kind},involvedObject.name=${s.name}` },
                opts,
              )
            ).items,
          [] as CoreV1Event[],
        ),
      ),
    ),
  ]);
  const podDiagnoses = pods.flatMap((p) => (p ? (diagnosePod(p) ?? []) : []));
  const logs = await tailFailingLogs(gathering, core, namespace, podDiagnoses, {
    tailLines: options.logTailLines ?? 20,
    maxContainers: options.maxLogContainers ?? 5,
  });
  return {
    ...emptyDiagnostics(namespace, errors),
    pods: podDiagnoses,
    events: summarizeEvents(eventLists.flat(), options.eventLimit ?? 20),
    logs,
  };
}
