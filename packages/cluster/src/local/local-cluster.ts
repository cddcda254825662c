import type { Cluster } from '../cluster.js';
import { Child } from './child-process.js';

/** An app the local cluster runs: like one http-echo release. */
export interface LocalApp {
  readonly name: string;
  /** Answered to every request, followed by a newline. */
  readonly text: string;
  /** The Host header the router sends to this app. */
  readonly host: string;
  /** One server process per replica. */
  readonly replicas: number;
}

/** An app once it runs: the URL of each replica behind the router. */
export interface DeployedLocalApp {
  readonly name: string;
  readonly host: string;
  readonly replicaUrls: readonly string[];
}

export interface LocalClusterOptions {
  /** @default 'prload' */
  readonly name?: string;
  /** Port of the router on 127.0.0.1. @default 0 (an ephemeral port, so two runs never collide) */
  readonly ingressPort?: number;
  readonly signal?: AbortSignal;
}

/** A cluster made of processes on this machine: a Host router in front of one echo server per replica. */
export interface LocalCluster extends Cluster {
  readonly provider: 'local';
  /** Starts each app's replicas and routes its host to them; replaces apps deployed before under the same host. */
  deployApps(apps: readonly LocalApp[], signal?: AbortSignal): Promise<DeployedLocalApp[]>;
  /** Process ids of everything the cluster started, so callers can check nothing is left behind. */
  readonly pids: readonly number[];
}

/**
 * Starts the local stand-in for a cluster with an ingress: a reverse proxy on
 * 127.0.0.1 that routes by Host header. Apps are added with `deployApps`.
 * Every process it starts is stopped by `destroy()`, and also exits on its own
 * when this process dies.
 */
export async function createLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const children: Child[] = [];
  const stopAll = async () => {
    await Promise.all(children.map((child) => child.stop()));
  };
  try {
    const router = await Child.start('local ingress router', options.signal);
    children.push(router);
    const { url } = await router.request(
      { type: 'start-router', port: options.ingressPort ?? 0 },
      'listening',
      options.signal,
    );
    return {
      provider: 'local',
      name: options.name ?? 'prload',
      ingressUrl: url,
      namespace: 'default',
      carriesTraffic: true,
      versions: { node: process.version },
      get pids() {
        return children.map((child) => child.pid).filter((pid): pid is number => pid !== undefined);
      },
      async deployApps(apps, signal) {
        return Promise.all(
          apps.map(async (app) => {
            const replicaUrls = await Promise.all(
              Array.from({ length: app.replicas }, async (_, index) => {
                const replica = await Child.start(`${app.name} replica ${index + 1}`, signal);
                children.push(replica);
                const { url: replicaUrl } = await replica.request(
                  { type: 'start-echo', text: app.text },
                  'listening',
                  signal,
                );
                return replicaUrl;
              }),
            );
            await router.request({ type: 'set-route', host: app.host, upstreams: replicaUrls }, 'route-set', signal);
            return { name: app.name, host: app.host, replicaUrls };
          }),
        );
      },
      destroy: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
