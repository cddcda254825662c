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

/** One process the local cluster runs: an app replica, or the Host router standing in for the ingress. */
export interface LocalClusterProcess {
  /** The app's name, or `ingress` for the router. */
  readonly workload: string;
  readonly role: 'app' | 'ingress';
  /** `router`, or `<app>-<n>` for the app's n-th replica (from 1). */
  readonly name: string;
  readonly pid: number;
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
  /**
   * What each running process is, for measuring its CPU and memory: the router first, then each
   * app's replicas in the order the apps and replicas were deployed.
   */
  readonly processes: readonly LocalClusterProcess[];
}

/** A process's place in the cluster, held from before it starts so `processes` keeps the deploy order. */
interface Member {
  readonly workload: string;
  readonly role: LocalClusterProcess['role'];
  readonly name: string;
  child?: Child;
}

/**
 * Starts the local stand-in for a cluster with an ingress: a reverse proxy on
 * 127.0.0.1 that routes by Host header. Apps are added with `deployApps`.
 * Every process it starts is stopped by `destroy()`, and also exits on its own
 * when this process dies.
 */
export async function createLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const members: Member[] = [];
  const stopAll = async () => {
    await Promise.all(members.map((member) => member.child?.stop()));
  };
  const start = async (member: Member, label: string, signal: AbortSignal | undefined): Promise<Child> => {
    members.push(member);
    member.child = await Child.start(label, signal);
    return member.child;
  };
  const processes = (): LocalClusterProcess[] =>
    members.flatMap(({ workload, role, name, child }) =>
      child?.pid === undefined ? [] : [{ workload, role, name, pid: child.pid }],
    );
  try {
    const router = await start(
      { workload: 'ingress', role: 'ingress', name: 'router' },
      'local ingress router',
      options.signal,
    );
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
        return processes().map((member) => member.pid);
      },
      get processes() {
        return processes();
      },
      async deployApps(apps, signal) {
        return Promise.all(
          apps.map(async (app) => {
            const replicaUrls = await Promise.all(
              Array.from({ length: app.replicas }, async (_, index) => {
                const replica = await start(
                  { workload: app.name, role: 'app', name: `${app.name}-${index + 1}` },
                  `${app.name} replica ${index + 1}`,
                  signal,
                );
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
