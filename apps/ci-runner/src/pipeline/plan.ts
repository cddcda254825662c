import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCluster, createExecutor, formatCommand, type KindCluster } from '@prload/cluster';
import { createRecordingExecutor } from '@prload/cluster/testing';
import { inClusterUrl, planClusterDeployment } from '@prload/deploy';
import { planDistributedLoad } from '@prload/distributed';
import { stringify } from 'yaml';
import { formatDuration } from '../config/duration.js';
import type { Config } from '../config/schema.js';
import type { CliIo } from '../io.js';
import { clusterOptionsOf } from './cluster-options.js';
import { deployOptionsOf } from './deploy-options.js';
import { isDistributed, portableLoadOptions } from './distributed-load.js';
import { dockerCgroupV1 } from './docker-cgroup.js';
import { loadOptionsFrom } from './load-options.js';
import { loadTargets } from './targets.js';

/** A dry run waits this long at most for `docker info`; a hung daemon must not hang the plan. */
const DOCKER_INFO_TIMEOUT_MS = 10_000;

/**
 * `--dry-run`: prints the plan and changes nothing: the kind config, every
 * command with its arguments, and the Helm values of each release. For every
 * Kubernetes provider the cluster commands come from running its real function
 * against a recorder, with the options a run builds, and the deploy commands
 * from planning for the cluster that recorded, so the plan cannot drift from
 * what a run does. The one program it runs is `docker info` (read-only, kind
 * only), for the host's cgroup version, which the kind config depends on.
 */
export async function printPlan(config: Config, io: CliIo, run: { runId: string; seed: number }): Promise<void> {
  const out = io.stdout;
  out(`# prload plan (dry run): run ${run.runId}, provider ${config.cluster.provider}, seed ${run.seed}`);
  // Where distributed load would run and what it would send to, from the cluster and controller planned below.
  let shardSite: { namespace: string; address: string | undefined } | undefined;

  if (config.cluster.provider === 'local') {
    out('\n## cluster (local)');
    out(`a Host router on 127.0.0.1:${config.cluster.ingressPort ?? '<ephemeral port>'}`);
    for (const app of config.apps)
      out(`${app.host} → ${app.replicas} http-echo process(es) answering ${JSON.stringify(`${app.text}\n`)}`);
  } else {
    // Only kind's config depends on the Docker host.
    const cgroupV1 =
      config.cluster.provider === 'kind'
        ? await dockerCgroupV1({
            executor: createExecutor(),
            env: io.env,
            signal: AbortSignal.any([io.signal, AbortSignal.timeout(DOCKER_INFO_TIMEOUT_MS)]),
          })
        : undefined;
    const workDir = await mkdtemp(join(tmpdir(), 'prload-plan-'));
    try {
      // Every program answers exit 0 and no output: no provider needs more to go on (a missing version or server
      // version is left out of what it reports), so the recorder needs no canned answers.
      const recorder = createRecordingExecutor();
      const options = clusterOptionsOf(config, { runId: run.runId, env: io.env });
      const cluster = await createCluster(
        options.provider === 'kind'
          ? { ...options, executor: recorder, workDir, cgroupV1: cgroupV1 === true }
          : // kind and kwok write their config and state under workDir (removed below); existing writes nothing.
            options.provider === 'kwok'
            ? { ...options, executor: recorder, workDir }
            : { ...options, executor: recorder },
      );
      await cluster.destroy();
      if (cluster.provider === 'kind') {
        out('\n## kind config');
        out(
          cgroupV1 === undefined
            ? '# Docker did not answer: cgroup v2 assumed (on a cgroup v1 host a run adds the KubeletConfiguration patch failCgroupV1: false)'
            : `# Docker host: cgroup v${cgroupV1 ? 1 : 2}`,
        );
        out((cluster as KindCluster).config.trimEnd());
      }
      out('\n## cluster commands');
      if (!cluster.carriesTraffic)
        out(`# ${cluster.provider}: pods are simulated and carry no traffic; the run stops after readiness`);
      for (const command of recorder.calls) out(formatCommand(command));

      const plan = planClusterDeployment(cluster, {
        ...deployOptionsOf(config),
        valuesDir: '<run folder>',
        helmMajor: 4,
        helmPath: 'helm',
      });
      out('\n## deploy commands (helm applies; prload then waits for the rollouts by watches)');
      for (const command of plan.commands) out(formatCommand(command));
      if (plan.controller) {
        const { release, chart, version, localChart } = plan.controller;
        out(`\n## values: ${release} (${localChart ? `local chart ${chart}` : `${chart} ${version}`})`);
        out(stringify(plan.controller.values).trimEnd());
      }
      for (const release of plan.apps) {
        out(`\n## values: ${release.release}`);
        out(stringify(release.values).trimEnd());
      }
      shardSite = {
        namespace: cluster.namespace,
        address: config.load.distributed.target ?? (plan.controller ? inClusterUrl(plan.controller) : undefined),
      };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  out('\n## load');
  out(
    config.load.model === 'open'
      ? `${config.load.rate}${config.load.rampTo ? `→${config.load.rampTo}` : ''} req/s (${config.load.arrivals}) for ${formatDuration(config.load.duration)}, ${config.load.connections} connections`
      : `closed model, ${config.load.connections} connections × ${config.load.pipelining} pipelined, for ${formatDuration(config.load.duration)}`,
  );
  for (const target of loadTargets(config))
    out(
      `${target.host}${target.path} weight ${target.weight}, expects ${target.expectStatus} ${JSON.stringify(target.expectBody)}`,
    );
  if (config.load.thresholds.length > 0) out(`thresholds: ${config.load.thresholds.join(', ')}`);
  if (isDistributed(config) && shardSite) {
    const { distributed } = config.load;
    out(
      `\n## load shards: the Job runDistributedLoad creates (suspended until its ServiceAccount, Role, RoleBinding and run spec exist), sending to ${shardSite.address}`,
    );
    out(
      stringify(
        planDistributedLoad({
          namespace: shardSite.namespace,
          runId: run.runId,
          shards: distributed.shards ?? 1,
          load: portableLoadOptions(
            loadOptionsFrom(config, {
              address: shardSite.address ?? '',
              targets: loadTargets(config),
              seed: run.seed,
              signal: io.signal,
              log: () => {},
            }),
          ),
          ...(distributed.image ? { image: distributed.image } : {}),
          ...(distributed.nodeSelector ? { nodeSelector: distributed.nodeSelector } : {}),
          ...(distributed.tolerations ? { tolerations: distributed.tolerations } : {}),
          startMarginMs: distributed.startMargin,
          readyTimeoutMs: distributed.readyTimeout,
        }),
      ).trimEnd(),
    );
  }
  out(`results: ${config.report.out} (${config.report.formats.join(', ')})`);
}
