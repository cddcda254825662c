import { randomBytes, randomInt } from 'node:crypto';
import type { Cluster } from '@prload/cluster';
import { evaluateThresholds, type LoadResult, runLoad } from '@prload/loadgen';
import { probeHosts } from '@prload/probe';
import type { RunFailure } from '@prload/report';
import { evaluateResourceThresholds, type ResourceSampler, type ResourceUsage } from '@prload/resources';
import { formatDuration } from '../config/duration.js';
import type { Config } from '../config/schema.js';
import { exitCodeOf } from '../error-exit.js';
import { CliError, ConfigError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { VERSION } from '../version.js';
import { loadBaseline } from './baseline.js';
import { checkChartFolders } from './check-charts.js';
import { checkThresholds } from './check-thresholds.js';
import { checkDistributed, isDistributed, runShardedLoad } from './distributed-load.js';
import type { Driver } from './driver.js';
import { driverFor } from './drivers.js';
import { finishReport } from './finish-report.js';
import { loadOptionsFrom, newRunIdentity } from './load-options.js';
import { printPlan } from './plan.js';
import { requestsByHost, startSampling } from './resource-sampling.js';
import { Stages } from './stages.js';
import { loadTargets, probeTargets } from './targets.js';

export interface RunPipelineOptions {
  readonly dryRun?: boolean;
  readonly configFile?: string | undefined;
}

/**
 * The whole pipeline: cluster → deploy → readiness → probe → load → report,
 * with cleanup also on failure and interruption. Returns the exit code.
 */
export async function runPipeline(config: Config, io: CliIo, options: RunPipelineOptions = {}): Promise<number> {
  // Bad thresholds are bad input: refuse them before creating anything.
  const targets = loadTargets(config);
  const thresholds = checkThresholds(config.load.thresholds, {
    hosts: targets.map((target) => target.host),
    model: config.load.model,
    workloads: [
      ...config.apps.map((app) => app.name),
      ...(config.cluster.provider === 'local' || config.ingress.controller !== 'none' ? ['ingress'] : []),
    ],
    ...(config.load.resources.enabled
      ? {}
      : { noResources: 'resource usage is not sampled (load.resources.enabled: false / --no-resources)' }),
  });
  checkDistributed(config, 'run');
  const baseline = await loadBaseline(config.report.baseline, io);
  const { seed, runId } = newRunIdentity(config, randomInt, () => randomBytes(3).toString('hex'));

  if (options.dryRun) {
    await printPlan(config, io, { runId, seed });
    return EXIT.OK;
  }
  // Not in a dry run: it may plan for another machine (an air-gapped runner's chart folders).
  if (config.cluster.provider !== 'local') await checkChartFolders(config, io.cwd);

  const log = io.stderr;
  log(
    `prload ${VERSION}: run ${runId}, provider ${config.cluster.provider}${options.configFile ? `, config ${options.configFile}` : ''}`,
  );
  log(`seed ${seed} (repeat this host mix with --seed ${seed})`);

  const startedAt = new Date().toISOString();
  const stages = new Stages(log);
  const driver: Driver = driverFor(config, { runId, log, env: io.env });
  const signal = io.signal;
  let cluster: Cluster | undefined;
  let result: LoadResult | undefined;
  let failure: RunFailure | undefined;
  let sampler: ResourceSampler | undefined;
  let resources: ResourceUsage | undefined;

  try {
    cluster = await stages.run('cluster', `provision (${config.cluster.provider})`, () => driver.provision(signal));
    const ready = cluster;
    await stages.run('deploy', `install ${config.apps.map((app) => app.name).join(', ')}`, () =>
      driver.deploy(ready, signal),
    );
    await stages.run('ready', 'wait for rollouts', () => driver.waitUntilReady(ready, signal));
    if (!ready.carriesTraffic) {
      log(`${config.cluster.provider}: pods are simulated and carry no traffic; stopping after readiness.`);
    } else {
      await stages.run(
        'probe',
        `wait until ${config.apps.map((app) => app.host).join(', ')} answer through the ingress`,
        () =>
          probeHosts({
            ingressUrl: ready.ingressUrl,
            targets: probeTargets(config),
            signal,
            timeoutMs: config.probe.timeout,
          }),
      );
      sampler = await startSampling(config, driver, ready, { log, signal });
      const sampling = sampler;
      result = await stages.run('load', describeLoad(config), async () => {
        sampling?.markLoadStart();
        try {
          if (!isDistributed(config))
            return await runLoad(loadOptionsFrom(config, { address: ready.ingressUrl, targets, seed, signal, log }));
          const site = await driver.shardSite!(ready);
          const address = config.load.distributed.target ?? site.ingressUrl;
          if (address === undefined) {
            throw new ConfigError([
              'load.distributed.target (--shard-target): required without an ingress controller: where the shards send from inside the cluster',
            ]);
          }
          log(`  ${config.load.distributed.shards} shards send to ${address} from inside the cluster`);
          return await runShardedLoad(config, {
            kubeConfig: site.kubeConfig,
            namespace: site.namespace,
            runId,
            options: loadOptionsFrom(config, { address, targets, seed, signal, log }),
            signal,
            log,
          });
        } finally {
          sampling?.markLoadEnd();
        }
      });
    }
  } catch (error) {
    // Bad input found late is still bad input (exit 2); `finally` cleans up first.
    if (error instanceof CliError || exitCodeOf(error) === EXIT.BAD_INPUT) throw error;
    const stage = stages.failed?.name ?? 'pipeline';
    const message = error instanceof Error ? error.message : String(error);
    // After Ctrl-C or a CI cancel, clean up first: a second signal may follow within seconds.
    const diagnostics =
      !signal.aborted && cluster && driver.diagnose
        ? await driver.diagnose(cluster, error).catch(() => undefined)
        : undefined;
    failure = { stage, message, ...(diagnostics ? { diagnostics } : {}) };
    for (const line of message.split('\n')) log(`prload: ${stage}: ${line}`);
    if (diagnostics) log(diagnostics);
  } finally {
    // Before cleanup: the pods are gone afterwards. What was sampled is kept even after a failure.
    if (sampler) {
      const byHost = requestsByHost(result);
      resources = await sampler.stop(byHost ? { requestsByHost: byHost } : {});
      for (const warning of resources.warnings) log(`prload: resources: ${warning}`);
    }
    if (cluster) {
      const created = cluster;
      await stages
        .run('cleanup', config.cluster.keep ? 'keep the cluster (--keep)' : 'delete the cluster', () =>
          created.destroy(),
        )
        .catch((error: unknown) => log(`prload: cleanup: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  return finishReport({
    config,
    io,
    runId,
    startedAt,
    stages: stages.records,
    result,
    failure,
    thresholds: [
      ...(result ? evaluateThresholds(result, thresholds.load) : []),
      ...(result && thresholds.resource.length > 0 ? evaluateResourceThresholds(resources, thresholds.resource) : []),
    ],
    ...(resources ? { resources } : {}),
    regressionThresholds: thresholds.regression,
    baseline,
    versions: { prload: VERSION, ...(cluster?.versions ?? {}) },
    provider: config.cluster.provider,
  });
}

function describeLoad(config: Config): string {
  const hosts = config.load.targets?.map((t) => t.host) ?? config.apps.map((app) => app.host);
  const shape =
    config.load.model === 'closed'
      ? `closed model, ${config.load.connections} connections`
      : `${config.load.rate}${config.load.rampTo ? `→${config.load.rampTo}` : ''} req/s ${config.load.arrivals}`;
  return `${shape} for ${formatDuration(config.load.duration)} over ${hosts.join(', ')}`;
}
