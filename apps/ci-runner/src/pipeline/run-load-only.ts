import { randomBytes, randomInt } from 'node:crypto';
import { evaluateThresholds, type LoadResult, type LoadTarget, runLoad } from '@prload/loadgen';
import { loadKubeConfig } from '@prload/probe';
import type { RunFailure } from '@prload/report';
import type { Config } from '../config/schema.js';
import { exitCodeOf } from '../error-exit.js';
import { ConfigError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { VERSION } from '../version.js';
import { loadBaseline } from './baseline.js';
import { checkThresholds } from './check-thresholds.js';
import { checkDistributed, isDistributed, runShardedLoad } from './distributed-load.js';
import { finishReport } from './finish-report.js';
import { loadOptionsFrom, newRunIdentity } from './load-options.js';
import { Stages } from './stages.js';

export interface LoadOnlyOptions {
  readonly target: string;
  /** `foo.localhost`, `foo.localhost=3` (a weight), `foo.localhost,status=200,body=foo` (its own expectations). */
  readonly hosts: readonly string[];
  readonly path: string;
  /** The body every host without its own `body=` must answer. */
  readonly expectBody?: string;
}

const HOST = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d+)?$/i;

/**
 * One `--host` flag → a target: `host[=weight][,status=CODE][,body=TEXT]`. `body=` comes
 * last and takes the rest of the text, commas included, so any body can be written. One error line
 * per problem.
 */
function parseHostFlag(text: string, path: string, expectBody: string | undefined, problems: string[]): LoadTarget {
  const bodyAt = text.indexOf(',body=');
  const head = bodyAt === -1 ? text : text.slice(0, bodyAt);
  const body = bodyAt === -1 ? expectBody : text.slice(bodyAt + ',body='.length);
  const [hostPart = '', ...options] = head.split(',');
  const [host = '', weightText] = hostPart.split('=');
  const weight = weightText === undefined ? 1 : Number(weightText);
  const flag = JSON.stringify(text);
  if (!HOST.test(host)) problems.push(`--host: must be a host name like foo.localhost, got ${flag}`);
  else if (!(weight > 0)) problems.push(`--host: the weight after = must be a positive number, got ${flag}`);
  let expectStatus = 200;
  for (const option of options) {
    const [key, value = ''] = option.split('=');
    const code = Number(value);
    if (key !== 'status') problems.push(`--host: unknown option "${key}" in ${flag}; use status=CODE or body=TEXT`);
    else if (!Number.isInteger(code) || code < 100 || code > 599)
      problems.push(`--host: status= must be an HTTP status code 100-599, got ${flag}`);
    else expectStatus = code;
  }
  return { host, path, weight, expectStatus, ...(body === undefined ? {} : { expectBody: body }) };
}

/** Every `--host` flag → a target; one error line per problem. */
export function parseHostFlags(hosts: readonly string[], path: string, expectBody?: string): LoadTarget[] {
  const problems: string[] = [];
  const targets = hosts.map((text) => parseHostFlag(text, path, expectBody, problems));
  if (!path.startsWith('/')) problems.push(`--path: must start with /, got ${JSON.stringify(path)}`);
  if (problems.length > 0) throw new ConfigError(problems);
  return targets;
}

/** Runs only the load stage against any server and reports like `prload run`. */
export async function runLoadOnly(config: Config, io: CliIo, options: LoadOnlyOptions): Promise<number> {
  const targets = parseHostFlags(options.hosts, options.path, options.expectBody);
  const thresholds = checkThresholds(config.load.thresholds, {
    hosts: targets.map((target) => target.host),
    model: config.load.model,
    noResources: 'prload load measures no workloads, only the load; gate resources with prload run',
  });
  checkDistributed(config, 'load');
  const baseline = await loadBaseline(config.report.baseline, io);
  const { seed, runId } = newRunIdentity(config, randomInt, () => randomBytes(3).toString('hex'));
  io.stderr(`prload ${VERSION}: load ${options.target} (${targets.map((t) => t.host).join(', ')})`);
  io.stderr(`seed ${seed} (repeat this host mix with --seed ${seed})`);

  const startedAt = new Date().toISOString();
  const stages = new Stages(io.stderr);
  let result: LoadResult | undefined;
  let failure: RunFailure | undefined;
  try {
    const loadOptions = loadOptionsFrom(config, {
      address: options.target,
      targets,
      seed,
      signal: io.signal,
      log: io.stderr,
    });
    result = await stages.run(
      'load',
      `${config.load.model} model against ${options.target}${isDistributed(config) ? ` from ${config.load.distributed.shards} shards in namespace ${config.load.distributed.namespace}` : ''}`,
      async () =>
        isDistributed(config)
          ? runShardedLoad(config, {
              // checkDistributed made sure both are set.
              kubeConfig: await loadKubeConfig(config.cluster.kubeconfig!, config.cluster.context),
              namespace: config.load.distributed.namespace!,
              runId,
              options: loadOptions,
              signal: io.signal,
              log: io.stderr,
            })
          : runLoad(loadOptions),
    );
  } catch (error) {
    if (exitCodeOf(error) === EXIT.BAD_INPUT) throw error;
    failure = { stage: 'load', message: error instanceof Error ? error.message : String(error) };
    io.stderr(`prload: load: ${failure.message}`);
  }
  return finishReport({
    config: { ...config, report: { ...config.report, comment: false } },
    io,
    runId,
    startedAt,
    stages: stages.records,
    result,
    failure,
    thresholds: result ? evaluateThresholds(result, thresholds.load) : [],
    regressionThresholds: thresholds.regression,
    baseline,
    versions: { prload: VERSION },
    provider: 'external',
  });
}
