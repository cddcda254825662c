import type { ConfigurationOptions, KubeConfig } from '@kubernetes/client-node';

type KubeModule = typeof import('@kubernetes/client-node');
let kubeModule: Promise<KubeModule> | undefined;

/**
 * The Kubernetes seam. client-node is loaded on first use so that `probeHosts` users
 * (the CLI's HTTP probe) do not pay for loading the whole generated API client.
 */
export function loadKube(): Promise<KubeModule> {
  kubeModule ??= import('@kubernetes/client-node');
  return kubeModule;
}

/** Per-request options that make a generated API call abortable (client-node takes no AbortSignal). */
export async function abortable(signal: AbortSignal): Promise<ConfigurationOptions> {
  const { Observable } = await loadKube();
  return {
    middleware: [
      {
        pre: (context) => {
          context.setSignal(signal);
          return new Observable(Promise.resolve(context));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** The typed API clients the readiness waits and diagnostics use. */
export async function kubeClients(kubeConfig: KubeConfig) {
  const k8s = await loadKube();
  return {
    apps: kubeConfig.makeApiClient(k8s.AppsV1Api),
    core: kubeConfig.makeApiClient(k8s.CoreV1Api),
    discovery: kubeConfig.makeApiClient(k8s.DiscoveryV1Api),
    networking: kubeConfig.makeApiClient(k8s.NetworkingV1Api),
    admission: kubeConfig.makeApiClient(k8s.AdmissionregistrationV1Api),
  };
}

/** HTTP status of a client-node error: `code` on ApiException, `statusCode` on Watch errors. */
export function kubeStatusCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof statusCode === 'number') return statusCode;
  if (typeof code === 'number') return code;
  return undefined;
}

/** Statuses that waiting cannot fix: bad request, no credentials, RBAC, API not served, invalid. */
export function isPermanentKubeStatus(status: number | undefined): boolean {
  return status === 400 || status === 401 || status === 403 || status === 404 || status === 422;
}
