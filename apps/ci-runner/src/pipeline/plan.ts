import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKindCluster, createRecordingExecutor, formatCommand, kindConfig } from '@prload/cluster';
import { planDeployment } from '@prload/deploy';
import { stringify } from 'yaml';
import type { Config } from '../config/schema.js';
import type { CliIo } from '../io.js';
import { loadTargets } from './targets.js';

/**
 * `--dry-run`: prints the plan and executes nothing: the kind config, every
 * command with its arguments, and the Helm values of each release. The kind
 * commands come from running the real provider against a recorder, so the plan
 * cannot drift from what a run does.
 */
export async function printPlan(config: Config, io: CliIo, run: { runId: string; seed: number }): Promise<void> {
  const out = io.stdout;
  out(`# prload plan (dry run): run ${run.runId}, provider ${config.cluster.provider}, seed ${run.seed}`);
  const hostPorts = { http: config.cluster.ingressPort ?? 80, https: 443 };

  if (config.cluster.provider === 'local') {
    out('\n## cluster (local)');
    out(`a Host router on 127.0.0.1:${config.cluster.ingressPort ?? '<ephemeral port>'}`);
    for (const app of config.apps)
      out(`${app.host} → ${app.replicas} http-echo process(es) answering ${JSON.stringify(`${app.text}\n`)}`);
  } else if (config.cluster.provider === 'kind') {
    out('\n## kind config');
    out(kindConfig({ workers: config.cluster.workers, hostPorts }).trimEnd());
    const workDir = await mkdtemp(join(tmpdir(), 'prload-plan-'));
    try {
      const recorder = createRecordingExecutor();
      const cluster = await createKindCluster({
        name: config.cluster.name,
        executor: recorder,
        kindPath: 'kind',
        workDir,
        workers: config.cluster.workers,
        hostPorts,
        reuse: config.cluster.reuse,
        keep: config.cluster.keep,
      });
      await cluster.destroy();
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
    const plan = planDeployment({
      apps: config.apps,
      namespace: config.cluster.provider === 'existing' ? `prload-${run.runId}` : 'default',
      valuesDir: '<run folder>',
      helmMajor: 4,
      helmPath: 'helm',
      ingressController: config.cluster.provider === 'kwok' ? 'none' : config.ingress.controller,
    });
    out('\n## deploy commands (helm 4 flags; with helm 3, --atomic replaces --rollback-on-failure)');
    for (const command of plan.commands) out(formatCommand(command));
    if (plan.controller) {
      out(`\n## values: ${plan.controller.release} (${plan.controller.chart} ${plan.controller.version})`);
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
