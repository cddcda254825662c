import type { ConfigurationOptions, KubeConfig, RequestContext } from '@kubernetes/client-node';

type KubeModule = typeof import('@kubernetes/client-node');
let kubeModule: Promise<KubeModule> | undefined;

/** client-node, loaded on first use: the local provider's sampler never pays for the generated API client. */
export function loadKube(): Promise<KubeModule> {
  kubeModule ??= import('@kubernetes/client-node');
  return kubeModule;
}

/**
 * Per-request options: the AbortSignal (client-node takes none), and, for node-proxy calls, the
 * proxied path's slashes restored — the generated `connectGetNodeProxyWithPath` percent-encodes
 * `metrics/resource` into one segment, which the API server hands on as `metrics%2Fresource`.
 */
export async function requestOptions(signal: AbortSignal, proxiedPath?: string): Promise<ConfigurationOptions> {
  const { Observable } = await loadKube();
  return {
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(signal);
          if (proxiedPath !== undefined) {
            const url = new URL(context.getUrl());
            url.pathname = url.pathname.replace(encodeURIComponent(proxiedPath), proxiedPath);
            context.setUrl(url.toString());
          }
          return new Observable(Promise.resolve(context));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

export async function kubeClients(kubeConfig: KubeConfig) {
  const k8s = await loadKube();
  return {
    apps: kubeConfig.makeApiClient(k8s.AppsV1Api),
    core: kubeConfig.makeApiClient(k8s.CoreV1Api),
    custom: kubeConfig.makeApiClient(k8s.CustomObjectsApi),
  };
}

export type KubeClients = Awaited<ReturnType<typeof kubeClients>>;

/** HTTP status of a client-node error (`code` on ApiException). */
export function kubeStatusCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof statusCode === 'number') return statusCode;
  if (typeof code === 'number') return code;
  return undefined;
}
