import { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { SETTINGS } from '../config/settings.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import type { CommandFactory } from './command.js';
import { addSettingOptions } from './setting-options.js';

/** The shards of a run go in its own namespace; `--namespace` is `prload load`'s. */
const RUN_SETTINGS = SETTINGS.filter((setting) => setting.path.join('.') !== 'load.distributed.namespace');

/** `prload run`: the whole pipeline, cluster to report. */
export const runCommand: CommandFactory = (io, setExitCode) => {
  const command = new Command('run')
    .description('provision a cluster, deploy the apps, wait until healthy, drive load, report, clean up')
    .option('-c, --config <file>', 'config file, YAML or JSON [default: ./prload.config.yaml] [env: PRLOAD_CONFIG]')
    .option(
      '--dry-run',
      'print the plan (cluster config, commands, helm values) and change nothing (only docker info is asked for the cgroup version)',
    );
  addSettingOptions(command, RUN_SETTINGS);
  return command.action(async (flags: Record<string, unknown>) => {
    const { config, file } = await loadConfig({
      cwd: io.cwd,
      env: io.env,
      flags,
      settings: RUN_SETTINGS,
      ...(typeof flags['config'] === 'string' ? { configFile: flags['config'] } : {}),
    });
    setExitCode(await runPipeline(config, io, { dryRun: flags['dryRun'] === true, configFile: file }));
  });
};
