import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor, createKindCluster, createRecordingExecutor, formatCommand } from '@prload/cluster';
import { type IngressControllerName, planDeployment } from '@prload/deploy';
import { stringify } from 'yaml';
import type { Config } from '../config/schema.js';
import type { CliIo } from '../io.js';
import { dockerCgroupV1 } from './docker-cgroup.js';
import { appImageOf, HELM_APPLIES_ONLY, ingressOptionsOf } from './ingress-options.js';
import { kindOptionsOf } from './kind-options.js';
import { loadTargets } from './targets.js';

/** A dry run waits this long at most for `docker info`; a hung daemon must not hang the plan. */
const DOCKER_INFO_TIMEOUT_MS = 10_000;

/**
 * `--dry-run`: prints the plan and changes nothing: the kind config, every
 * command with its arguments, and the Helm values of each release. The kind
 * config and commands come from running the real provider against a recorder,
 * with the options a run builds, so the plan cannot drift from what a run does.
 * The one program it runs is `docker info` (read-only), for the host's cgroup
 * version, which the kind config depends on.
 */
export async function printPlan(config: Config, io: CliIo, run: { runId: string; seed: number }): Promise<void> {
  const out = io.stdout;
  out(`# prload plan (dry run): run ${run.runId}, provider ${config.cluster.provider}, seed ${run.seed}`);

  if (config.cluster.provider === 'local') {
    out('\n## cluster (local)');
    out(`a Host router on 127.0.0.1:${config.cluster.ingressPort ?? '<ephemeral port>'}`);
    for (const app of config.apps)
      out(`${app.host} → ${app.replicas} http-echo process(es) answering ${JSON.stringify(`${app.text}\n`)}`);
  } else if (config.cluster.provider === 'kind') {
    const cgroupV1 = await dockerCgroupV1({
      executor: createExecutor(),
      env: io.env,
      signal: AbortSignal.any([io.signal, AbortSignal.timeout(DOCKER_INFO_TIMEOUT_MS)]),
    });
    const workDir = await mkdtemp(join(tmpdir(), 'prload-plan-'));
    try {
      const recorder = createRecordingExecutor();
      const cluster = await createKindCluster({
        ...kindOptionsOf(config, { cgroupV1: cgroupV1 === true }),
        executor: recorder,
        kindPath: 'kind',
        workDir,
      });
      await cluster.destroy();
      out('\n## kind config');
      out(
        cgroupV1 === undefined
          ? '# Docker did not answer: cgroup v2 assumed (on a cgroup v1 host a run adds the KubeletConfiguration patch failCgroupV1: false)'
          : `# Docker host: cgroup v${cgroupV1 ? 1 : 2}`,
      );
      out(cluster.config.trimEnd());
      out('\n## cluster commands');
      for (const command of recorder.calls) out(formatCommand(command));
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  } else {
    out(`\n## cluster (${config.cluster.provider})`);
    out(
      config.cluster.provider === 'existing'
        ? `kubeconfig ${config.cluster.kubeconfig ?? '<required: --kubeconfig>'}${config.cluster.context ? `, context ${config.cluster.context}` : ''}; namespace prload-${run.runId}, deleted at the end`
        : `kwokctl create cluster --name ${config.cluster.name} (binary runtime, ${config.cluster.workers} fake nodes); simulated pods carry no traffic`,
    );
  }

  if (config.cluster.provider !== 'local') {
    const controller = config.cluster.provider === 'kwok' ? 'none' : config.ingress.controller;
    const plan = planDeployment({
      apps: config.apps,
      ...appImageOf(config),
      namespace: config.cluster.provider === 'existing' ? `prload-${run.runId}` : 'default',
      valuesDir: '<run folder>',
      helmMajor: 4,
      helmPath: 'helm',
      ...HELM_APPLIES_ONLY,
      ...(controller === 'none'
        ? { ingressController: 'none' as const }
        : ingressOptionsOf(config, controller as IngressControllerName)),
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
  }

  out('\n## load');
  out(
    config.load.model === 'open'
      ? `${config.load.rate}${config.load.rampTo ? `→${config.load.rampTo}` : ''} req/s (${config.load.arrivals}) for ${config.load.duration / 1000}s, ${config.load.connections} connections`
      : `closed model, ${config.load.connections} connections × ${config.load.pipelining} pipelined, for ${config.load.duration / 1000}s`,
  );
  for (const target of loadTargets(config))
    out(
      `${target.host}${target.path} weight ${target.weight}, expects ${target.expectStatus} ${JSON.stringify(target.expectBody)}`,
    );
  if (config.load.thresholds.length > 0) out(`thresholds: ${config.load.thresholds.join(', ')}`);
  out(`results: ${config.report.out} (${config.report.formats.join(', ')})`);
}
