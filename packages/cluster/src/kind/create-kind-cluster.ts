import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster } from '../cluster.js';
import { DNS_LABEL } from '../dns-label.js';
import { createExecutor, type ExecOptions, type ExecResult, type Executor } from '../exec.js';
import { lastLine } from '../exec-errors.js';
import { formatVersion } from '../tools/semver.js';
import { parseKindVersion } from '../tools/tool-versions.js';
import { isBootDeadlineMiss } from './boot-deadline.js';
import {
  KindBootDeadlineError,
  KindConfigError,
  KindCreateError,
  KindDeleteError,
  KindLoadImagesError,
} from './errors.js';
import {
  createClusterArgs,
  deleteClusterArgs,
  exportKubeconfigArgs,
  getClustersArgs,
  loadImagesArgs,
} from './kind-commands.js';
import { DEFAULT_HOST_PORTS, type KindConfigOptions, kindConfig } from './kind-config.js';
import { KIND_NODE_IMAGE, kubernetesVersionOf } from './node-image.js';

export interface KindClusterOptions extends KindConfigOptions {
  /** kind cluster name; its nodes are the containers `<name>-control-plane`, `<name>-worker`… */
  readonly name: string;
  /** Runs kind; pass a recording executor for `--dry-run`. @default createExecutor() */
  readonly executor?: Executor;
  /** The kind binary (see resolveTool). @default 'kind' */
  readonly kindPath?: string;
  /** Holds the generated kind config and, by default, the kubeconfig. @default a new folder under the OS temp dir */
  readonly workDir?: string;
  /** The run's own kubeconfig file: kind writes the cluster's credentials here, never to ~/.kube/config. @default `<workDir>/kubeconfig` */
  readonly kubeconfigPath?: string;
  /** kind's `--wait`: how long the control plane may take to become Ready. @default 180 */
  readonly waitSeconds?: number;
  /** Use the cluster of this name if `kind get clusters` lists it, instead of creating one. @default false */
  readonly reuse?: boolean;
  /** Leave the cluster running after destroy(). @default false */
  readonly keep?: boolean;
  /** Local Docker images copied into every node (`kind load docker-image`), so pods need no registry. @default [] */
  readonly preloadImages?: readonly string[];
  /** Namespace the apps go into. @default 'prload' */
  readonly namespace?: string;
  /** Progress lines (the commands being run). @default no output */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface KindCluster extends Cluster {
  readonly provider: 'kind';
  readonly kubeconfigPath: string;
  /** `kind-<name>`, the context kind writes. */
  readonly context: string;
  /** True when an existing cluster was reused; destroy() never deletes one it did not create. */
  readonly reused: boolean;
  /** The kind config the cluster was created with (YAML). */
  readonly config: string;
}

/** Passing `undefined` would pick the default (the run's signal); teardown must not be cancellable. */
const NO_SIGNAL = new AbortController().signal;
/** Node container names append `-control-plane` / `-worker10`; kind rejects names that make them too long. */
const MAX_NAME_LENGTH = 40;

/**
 * Creates (or reuses) a kind cluster with its ingress ports on 127.0.0.1 and
 * credentials in the run's own kubeconfig. A missed boot deadline is retried
 * once on a fresh cluster. Anything that fails after kind started deletes the
 * half-made cluster, unless `keep`.
 */
export async function createKindCluster(options: KindClusterOptions): Promise<KindCluster> {
  if (!DNS_LABEL.test(options.name) || options.name.length > MAX_NAME_LENGTH) {
    throw new KindConfigError(
      `kind.name: must be lowercase letters, digits and '-', at most ${MAX_NAME_LENGTH} characters, got ${JSON.stringify(options.name)}`,
    );
  }
  const config = kindConfig(options);
  const executor = options.executor ?? createExecutor();
  const kind = options.kindPath ?? 'kind';
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), `prload-kind-${options.name}-`)));
  await mkdir(workDir, { recursive: true });
  const kubeconfigPath = options.kubeconfigPath ?? join(workDir, 'kubeconfig');
  const configPath = join(workDir, 'kind-config.yaml');
  await writeFile(configPath, config);

  // KUBECONFIG too, so no kind code path can fall back to ~/.kube/config.
  const runKind = (args: string[], signal: AbortSignal | undefined = options.signal): Promise<ExecResult> => {
    options.log?.(`kind ${args.join(' ')}`);
    const execOptions: ExecOptions = { env: { KUBECONFIG: kubeconfigPath }, signal };
    return executor.run(kind, args, execOptions);
  };
  const deleteCluster = async (): Promise<void> => {
    // Never bound to the run's signal: a cancelled run must still clean up.
    const result = await runKind(deleteClusterArgs(options.name, kubeconfigPath), NO_SIGNAL);
    if (result.exitCode !== 0) {
      throw new KindDeleteError(
        `kind delete cluster --name ${options.name}: ${lastLine(result.stderr)} — delete it by hand with that command`,
        result.stderr,
      );
    }
  };

  let reused = false;
  if (options.reuse) {
    const listed = await runKind(getClustersArgs());
    reused = listed.exitCode === 0 && listed.stdout.split('\n').some((line) => line.trim() === options.name);
  }
  if (reused) {
    const exported = await runKind(exportKubeconfigArgs(options.name, kubeconfigPath));
    if (exported.exitCode !== 0) {
      throw new KindCreateError(
        `kind export kubeconfig --name ${options.name}: ${lastLine(exported.stderr)} — check the cluster with 'kind get clusters'`,
        exported.stderr,
      );
    }
  } else {
    try {
      await createWithOneRetry(options, runKind, deleteCluster, configPath, kubeconfigPath);
    } catch (error) {
      if (!options.keep) await deleteCluster().catch(() => undefined);
      throw error;
    }
  }

  try {
    if (options.preloadImages && options.preloadImages.length > 0) {
      const loaded = await runKind(loadImagesArgs(options.name, options.preloadImages));
      if (loaded.exitCode !== 0) {
        throw new KindLoadImagesError(
          `kind load docker-image: ${lastLine(loaded.stderr)} — build or pull the images locally first (docker images)`,
          loaded.stderr,
        );
      }
    }
  } catch (error) {
    if (!options.keep && !reused) await deleteCluster().catch(() => undefined);
    throw error;
  }

  const versions: Record<string, string> = {};
  // The cluster exists now and nothing below deletes it, so an abort here must not leave it behind.
  const kindVersion = await runKind(['version'], NO_SIGNAL).catch(() => ({ stdout: '', stderr: '', exitCode: 1 }));
  try {
    versions['kind'] = formatVersion(parseKindVersion(kindVersion.stdout));
  } catch {
    // A dry run records `kind version` without output; the report then lacks kind's version.
  }
  const kubernetes = reused ? undefined : kubernetesVersionOf(options.nodeImage ?? KIND_NODE_IMAGE);
  if (kubernetes) versions['kubernetes'] = kubernetes;

  let destroying: Promise<void> | undefined;
  const ports = options.hostPorts ?? DEFAULT_HOST_PORTS;
  return {
    provider: 'kind',
    name: options.name,
    ingressUrl: `http://127.0.0.1:${ports.http}`,
    kubeconfigPath,
    context: `kind-${options.name}`,
    namespace: options.namespace ?? 'prload',
    carriesTraffic: true,
    versions,
    reused,
    config,
    destroy() {
      if (options.keep || reused) return Promise.resolve();
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

async function createWithOneRetry(
  options: KindClusterOptions,
  runKind: (args: string[]) => Promise<ExecResult>,
  deleteCluster: () => Promise<void>,
  configPath: string,
  kubeconfigPath: string,
): Promise<void> {
  const args = createClusterArgs(options.name, configPath, options.waitSeconds ?? 180, kubeconfigPath);
  for (let attempt = 1; ; attempt++) {
    const result = await runKind(args);
    const missedDeadline = isBootDeadlineMiss(result.stderr);
    if (result.exitCode === 0 && !missedDeadline) return;
    if (!missedDeadline) {
      throw new KindCreateError(
        `kind create cluster --name ${options.name}: ${lastLine(result.stderr)} — run 'kind create cluster' by hand to see why`,
        result.stderr,
      );
    }
    if (attempt === 2) {
      throw new KindBootDeadlineError(
        `kind create cluster --name ${options.name}: missed its boot deadline twice (${lastLine(result.stderr)}) — raise waitSeconds or free CPU/memory for Docker`,
        result.stderr,
      );
    }
    options.log?.(`kind missed its boot deadline (${lastLine(result.stderr)}); deleting the cluster and retrying once`);
    await deleteCluster();
  }
}
