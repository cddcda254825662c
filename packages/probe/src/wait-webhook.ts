import type { KubeConfig, V1EndpointSlice } from '@kubernetes/client-node';
import { collectDiagnostics } from './diagnostics.js';
import { countReadyEndpoints } from './endpoint-readiness.js';
import { ProbeKubeApiError, ProbeOptionsError, ReadinessTimeoutError } from './errors.js';
import { formatSeconds } from './format-seconds.js';
import { abortable, kubeClients, kubeStatusCode } from './kube-client.js';
import { withDeadline } from './readiness-deadline.js';
import { type WatchTransition, watchUntil } from './watch-resource.js';

export interface WaitForWebhookEndpointsOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  /** The Service the webhook's clientConfig points at, e.g. `ingress-nginx-controller-admission`. */
  readonly serviceName: string;
  /** @default undefined */
  readonly signal?: AbortSignal;
  /**
   * Overall deadline, in milliseconds.
   * @default 120_000
   */
  readonly timeoutMs?: number;
  /**
   * Server-side lifetime of each watch request, in seconds.
   * @default 60
   */
  readonly watchTimeoutSeconds?: number;
  /** @default undefined */
  readonly onTransition?: (transition: WatchTransition) => void;
}

export interface WebhookEndpointsReadiness {
  readonly namespace: string;
  readonly serviceName: string;
  /** Ready addresses seen when the wait ended. */
  readonly readyEndpoints: number;
  readonly durationMs: number;
}

/**
 * Waits until the webhook's Service has a ready endpoint, watching its EndpointSlices
 * (label `kubernetes.io/service-name`). Until then the API server rejects objects the webhook
 * guards (e.g. Ingresses with "failed calling webhook ... connection refused").
 */
export async function waitForWebhookEndpoints(
  options: WaitForWebhookEndpointsOptions,
): Promise<WebhookEndpointsReadiness> {
  const { namespace, serviceName } = options;
  if (!namespace || !serviceName) {
    throw new ProbeOptionsError('waitForWebhookEndpoints: namespace and serviceName must be non-empty strings');
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  const started = performance.now();
  const labelSelector = `kubernetes.io/service-name=${serviceName}`;
  const what = `endpoints of service ${namespace}/${serviceName}`;
  let slices = 0;

  return withDeadline(
    { signal: options.signal, timeoutMs, what },
    async (signal) => {
      const { discovery } = await kubeClients(options.kubeConfig);
      return watchUntil<V1EndpointSlice, WebhookEndpointsReadiness>({
        kubeConfig: options.kubeConfig,
        path: `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/endpointslices`,
        labelSelector,
        list: async (s) => discovery.listNamespacedEndpointSlice({ namespace, labelSelector }, await abortable(s)),
        signal,
        watchTimeoutSeconds: options.watchTimeoutSeconds,
        onTransition: options.onTransition,
        evaluate: (objects) => {
          slices = objects.size;
          const readyEndpoints = countReadyEndpoints(objects.values());
          if (readyEndpoints === 0) return undefined;
          return { namespace, serviceName, readyEndpoints, durationMs: performance.now() - started };
        },
      });
    },
    async () => {
      const seen = slices === 0 ? 'no EndpointSlice exists' : `${slices} EndpointSlice(s), none ready`;
      return new ReadinessTimeoutError(
        `readiness: service ${namespace}/${serviceName} has no ready endpoints within ${formatSeconds(timeoutMs)}` +
          ` (${seen}) — check the webhook's pods (see the error's diagnostics)`,
        await collectDiagnostics({ kubeConfig: options.kubeConfig, namespace, signal: options.signal }),
      );
    },
  );
}

export interface WaitForValidatingWebhookOptions {
  readonly kubeConfig: KubeConfig;
  /** Name of the ValidatingWebhookConfiguration, e.g. `ingress-nginx-admission`. */
  readonly name: string;
  /** @default undefined */
  readonly signal?: AbortSignal;
  /**
   * Overall deadline, in milliseconds, shared by every service of the configuration.
   * @default 120_000
   */
  readonly timeoutMs?: number;
}

export interface ValidatingWebhookReadiness {
  readonly name: string;
  /** One entry per distinct Service; webhooks that call a URL need no wait. */
  readonly services: readonly WebhookEndpointsReadiness[];
  readonly durationMs: number;
}

/** Reads a ValidatingWebhookConfiguration, then waits for the endpoints of every Service it calls. */
export async function waitForValidatingWebhook(
  options: WaitForValidatingWebhookOptions,
): Promise<ValidatingWebhookReadiness> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const what = `ValidatingWebhookConfiguration ${options.name}`;
  const config = await withDeadline(
    { signal: options.signal, timeoutMs, what },
    async (signal) => {
      const { admission } = await kubeClients(options.kubeConfig);
      try {
        return await admission.readValidatingWebhookConfiguration({ name: options.name }, await abortable(signal));
      } catch (error) {
        if (signal.aborted) throw error;
        const status = kubeStatusCode(error);
        throw new ProbeKubeApiError(
          `readiness: cannot read ${what} (${status ?? String(error)}) — install the chart that defines it, or check the name`,
          status,
          { cause: error },
        );
      }
    },
    async () => new ProbeKubeApiError(`readiness: reading ${what} took over ${formatSeconds(timeoutMs)}`, undefined),
  );
  const services = new Map<string, { namespace: string; name: string }>();
  for (const webhook of config.webhooks ?? []) {
    const svc = webhook.clientConfig.service;
    if (svc) services.set(`${svc.namespace}/${svc.name}`, { namespace: svc.namespace, name: svc.name });
  }
  const remaining = Math.max(1, Math.ceil(timeoutMs - (performance.now() - started)));
  // One failing service ends the others' waits instead of leaving them running to the deadline.
  const siblings = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, siblings.signal]) : siblings.signal;
  try {
    const results = await Promise.all(
      [...services.values()].map((svc) =>
        waitForWebhookEndpoints({
          kubeConfig: options.kubeConfig,
          namespace: svc.namespace,
          serviceName: svc.name,
          signal,
          timeoutMs: remaining,
        }).catch((error: unknown) => {
          siblings.abort(error);
          throw error;
        }),
      ),
    );
    return { name: options.name, services: results, durationMs: performance.now() - started };
  } finally {
    siblings.abort();
  }
}
