import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster } from '../cluster.js';
import { DNS_LABEL } from '../dns-label.js';
import { createExecutor, type ExecResult, type Executor } from '../exec.js';
import { CommandNotFoundError, lastLine } from '../exec-errors.js';
import { formatVersion, parseVersion } from '../tools/semver.js';
import { KwokBinaryMissingError, KwokConfigError, KwokCreateError, KwokDeleteError } from './errors.js';
import { defaultKwokBinDir, KWOK_ETCD_VERSION, KWOK_KUBE_VERSION } from './kwok-binaries.js';
import {
  type ComponentArgs,
  createClusterArgs,
  deleteClusterArgs,
  scaleNodesArgs,
  waitNodesReadyArgs,
} from './kwokctl-args.js';
import { kwokctlEnv } from './kwokctl-env.js';

export interface KwokClusterOptions {
  /** kwokctl cluster name; the kubeconfig context is `kwok-<name>`. */
  readonly name: string;
  /** Fake nodes kwok creates and keeps Ready. @default 2 */
  readonly workers?: number;
  /** Directory with kwokctl, kwok, etcd and the kube-* binaries (scripts/k8s-test-env.sh builds them). @default defaultKwokBinDir() */
  readonly binDir?: string;
  /** kubectl, used to wait for the nodes to be Ready. @default 'kubectl' */
  readonly kubectlPath?: string;
  /** Runs kwokctl; pass a recording executor for `--dry-run`. @default createExecutor() */
  readonly executor?: Executor;
  /** Holds the kubeconfig and kwokctl's state (pki, logs, etcd data). @default a new folder under the OS temp dir */
  readonly workDir?: string;
  /** The run's own kubeconfig file: kwokctl writes the cluster's context here, never to ~/.kube/config. @default `<workDir>/kubeconfig` */
  readonly kubeconfigPath?: string;
  /** How long kwokctl and the node wait may take, in seconds. @default 120 */
  readonly waitSeconds?: number;
  /** Extra flags per component, e.g. `{ 'kube-apiserver': { 'min-request-timeout': '10' } }`. @default {} */
  readonly extraArgs?: ComponentArgs;
  /** Lift the components' client-side QPS limits (large benchmarks). @default false */
  readonly disableQpsLimits?: boolean;
  /**
   * kwok's own CRDs to serve, e.g. `['Metric', 'ClusterResourceUsage']`, so simulated kubelets expose
   * resource metrics that tests can shape. @default [] (kwok reads only its config file)
   */
  readonly enableCrds?: readonly string[];
  /** Leave the cluster running after destroy(). @default false */
  readonly keep?: boolean;
  /** Namespace the apps go into. @default 'prload' */
  readonly namespace?: string;
  /** Progress lines (the commands being run). @default no output */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface KwokCluster extends Cluster {
  readonly provider: 'kwok';
  readonly kubeconfigPath: string;
  /** `kwok-<name>`, the context kwokctl writes. */
  readonly context: string;
  /** kwokctl's state directory for this run (logs are under `clusters/<name>/logs`). */
  readonly workDir: string;
  /** The environment that points kwokctl at `binDir`, for running kwokctl by hand against this cluster. */
  readonly env: Readonly<Record<string, string>>;
  /** Sets the number of fake nodes and waits until all are Ready. */
  scaleNodes(replicas: number, signal?: AbortSignal): Promise<void>;
}

const MAX_NAME_LENGTH = 40;

/**
 * Starts a real control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) with kwokctl's
 * binary runtime, and `workers` fake nodes on which kwok marks pods Running and Ready. Deployments roll out
 * for real; no container runs, so `carriesTraffic` is false. Anything that fails after kwokctl started
 * deletes the half-made cluster, unless `keep`.
 */
export async function createKwokCluster(options: KwokClusterOptions): Promise<KwokCluster> {
  if (!DNS_LABEL.test(options.name) || options.name.length > MAX_NAME_LENGTH) {
    throw new KwokConfigError(
      `kwok.name: must be lowercase letters, digits and '-', at most ${MAX_NAME_LENGTH} characters, got ${JSON.stringify(options.name)}`,
    );
  }
  const workers = options.workers ?? 2;
  checkReplicas('kwok.workers', workers);
  const executor = options.executor ?? createExecutor();
  const binDir = options.binDir ?? defaultKwokBinDir();
  const kubectl = options.kubectlPath ?? 'kubectl';
  const waitSeconds = options.waitSeconds ?? 120;

  const versions = await binaryVersions(executor, binDir, options.signal);
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), `prload-kwok-${options.name}-`)));
  await mkdir(workDir, { recursive: true });
  const kubeconfigPath = options.kubeconfigPath ?? join(workDir, 'kubeconfig');
  const env = kwokctlEnv({
    binDir,
    kubeVersion: versions['kubernetes'] ?? KWOK_KUBE_VERSION,
    etcdVersion: versions['etcd'] ?? KWOK_ETCD_VERSION,
    kubectlPath: options.kubectlPath,
    workdir: join(workDir, 'kwok'),
  });

  const run = (file: string, args: string[], signal: AbortSignal | undefined): Promise<ExecResult> => {
    options.log?.(`${file === kubectl ? 'kubectl' : 'kwokctl'} ${args.join(' ')}`);
    return executor.run(file, args, { env: { ...env, KUBECONFIG: kubeconfigPath }, signal });
  };
  const kwokctl = join(binDir, 'kwokctl');
  const deleteCluster = async (): Promise<void> => {
    const result = await run(kwokctl, deleteClusterArgs(options.name, kubeconfigPath), undefined);
    if (result.exitCode !== 0) {
      throw new KwokDeleteError(
        `kwokctl delete cluster --name ${options.name}: ${lastLine(result.stderr)} — delete it by hand: KWOK_WORKDIR=${env['KWOK_WORKDIR']} ${kwokctl} delete cluster --name ${options.name}`,
        result.stderr,
      );
    }
  };
  const scaleNodes = async (replicas: number, signal?: AbortSignal): Promise<void> => {
    checkReplicas('replicas', replicas);
    const scaled = await run(kwokctl, scaleNodesArgs(options.name, replicas), signal);
    if (scaled.exitCode !== 0) {
      throw new KwokCreateError(
        `kwokctl scale node --replicas ${replicas}: ${lastLine(scaled.stderr)} — see the kwok-controller log under ${workDir}`,
        scaled.stderr,
      );
    }
    if (replicas === 0) return;
    const ready = await run(kubectl, waitNodesReadyArgs(kubeconfigPath, waitSeconds), signal);
    if (ready.exitCode !== 0) {
      throw new KwokCreateError(
        `kubectl wait --for=condition=Ready nodes: ${lastLine(ready.stderr)} — is kwok-controller running? see its log under ${workDir}`,
        ready.stderr,
      );
    }
  };

  try {
    const created = await run(
      kwokctl,
      createClusterArgs({
        name: options.name,
        kubeconfigPath,
        waitSeconds,
        extraArgs: options.extraArgs,
        disableQpsLimits: options.disableQpsLimits,
        ...(options.enableCrds ? { enableCrds: options.enableCrds } : {}),
      }),
      options.signal,
    );
    if (created.exitCode !== 0) {
      throw new KwokCreateError(
        `kwokctl create cluster --name ${options.name}: ${lastLine(created.stderr)} — its component logs are under ${workDir}/kwok`,
        created.stderr,
      );
    }
    await scaleNodes(workers, options.signal);
  } catch (error) {
    if (!options.keep) await deleteCluster().catch(() => undefined);
    throw error;
  }

  let destroying: Promise<void> | undefined;
  return {
    provider: 'kwok',
    name: options.name,
    // No data plane: nothing listens for the apps' traffic.
    ingressUrl: '',
    kubeconfigPath,
    context: `kwok-${options.name}`,
    namespace: options.namespace ?? 'prload',
    carriesTraffic: false,
    versions,
    workDir,
    env,
    scaleNodes,
    destroy() {
      if (options.keep) return Promise.resolve();
      // Shared by concurrent callers (a SIGINT during the normal teardown); a failure lets a later call retry.
      destroying ??= (async () => {
        await deleteCluster();
        if (options.workDir === undefined) await rm(workDir, { recursive: true, force: true });
      })().catch((error: unknown) => {
        destroying = undefined;
        throw error;
      });
      return destroying;
    },
  };
}

function checkReplicas(option: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 10_000) {
    throw new KwokConfigError(`${option}: must be an integer from 0 to 10000, got ${value}`);
  }
}

/** Reads each binary's `--version`; a missing binary fails early with the command that builds it. */
async function binaryVersions(
  executor: Executor,
  binDir: string,
  signal: AbortSignal | undefined,
): Promise<Record<string, string>> {
  const probes = [
    ['kwok', 'kwokctl'],
    ['kubernetes', 'kube-apiserver'],
    ['etcd', 'etcd'],
  ] as const;
  const versions: Record<string, string> = {};
  await Promise.all(
    probes.map(async ([key, binary]) => {
      let result: ExecResult;
      try {
        result = await executor.run(join(binDir, binary), ['--version'], { signal, timeoutMs: 30_000 });
      } catch (error) {
        if (!(error instanceof CommandNotFoundError)) throw error;
        throw new KwokBinaryMissingError(
          `${binary} not found in ${binDir} — build it with scripts/k8s-test-env.sh, or set binDir (PRLOAD_K8S_BIN_DIR)`,
          { cause: error },
        );
      }
      const version = parseVersion(result.stdout + result.stderr);
      // A dry run answers with no output; the report then lacks that version.
      if (version) versions[key] = formatVersion(version);
    }),
  );
  return versions;
}
