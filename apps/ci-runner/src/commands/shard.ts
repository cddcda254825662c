import { runShard } from '@prload/distributed';
import { loadKubeConfig } from '@prload/probe';
import { Command } from 'commander';
import { ConfigError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CommandFactory } from './command.js';

/**
 * `prload shard`: what each pod of a distributed run executes (`prload run --shards N` creates the Job). It
 * reads the run from its ConfigMap, waits for the shared start, sends its slice of the one schedule and writes
 * its result back; index, namespace and credentials come from the pod (JOB_COMPLETION_INDEX, its service
 * account). Errors exit by kind like every command; the coordinator names the shard from its status.
 */
export const shardCommand: CommandFactory = (io, setExitCode) =>
  new Command('shard')
    .description('run one shard of a distributed load test inside its pod (started by prload run --shards)')
    .option('--spec <configmap>', "the run's ConfigMap, prload-load-<run id>")
    .option('--namespace <name>', "namespace of the run [default: the pod's own]")
    .option('--index <n>', 'which shard [default: JOB_COMPLETION_INDEX]')
    .option('--kubeconfig <file>', "credentials outside a pod [default: the pod's service account]")
    .option('--context <name>', 'kubeconfig context [default: its current one]')
    .action(
      async (flags: { spec?: string; namespace?: string; index?: string; kubeconfig?: string; context?: string }) => {
        if (flags.spec === undefined)
          throw new ConfigError(["--spec: required: the run's ConfigMap (prload-load-<run id>)"]);
        const index = flags.index === undefined ? undefined : Number(flags.index);
        if (index !== undefined && !(Number.isInteger(index) && index >= 0)) {
          throw new ConfigError([`--index: must be an integer 0 or more, got ${JSON.stringify(flags.index)}`]);
        }
        const outcome = await runShard({
          spec: flags.spec,
          ...(flags.kubeconfig ? { kubeConfig: await loadKubeConfig(flags.kubeconfig, flags.context) } : {}),
          ...(flags.namespace ? { namespace: flags.namespace } : {}),
          ...(index === undefined ? {} : { index }),
          signal: io.signal,
          log: io.stderr,
          env: io.env,
        });
        const { summary } = outcome.result;
        io.stderr(
          `shard ${outcome.index}: ${summary.requests} requests, ${summary.errors} errors${outcome.result.valid ? '' : `; invalid: ${outcome.result.invalidReason ?? ''}`}`,
        );
        setExitCode(EXIT.OK);
      },
    );
