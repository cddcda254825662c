import { Command, Option } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { SETTINGS } from '../config/settings.js';
import { runLoadOnly } from '../pipeline/run-load-only.js';
import type { CommandFactory } from './command.js';
import { repeatable } from './repeatable.js';
import { addSettingOptions } from './setting-options.js';

// `prload load` measures no workloads, so the resource-sampling settings are not offered.
// The kubeconfig and its context say which cluster the shards of `--shards` run in; they send to --target.
const LOAD_SETTINGS = SETTINGS.filter(
  (setting) =>
    (setting.path[0] === 'load' &&
      setting.path[1] !== 'resources' &&
      setting.path.join('.') !== 'load.distributed.target') ||
    (setting.path[0] === 'cluster' && (setting.path[1] === 'kubeconfig' || setting.path[1] === 'context')) ||
    (setting.path[0] === 'report' && setting.path[1] !== 'comment'),
);

/** `prload load`: only the load stage, against any server. */
export const loadCommand: CommandFactory = (io, setExitCode) => {
  const command = new Command('load')
    .description('drive load against a running server and write the same results as `prload run`')
    .requiredOption('--target <url>', 'where every request goes, e.g. http://127.0.0.1:8080')
    .addOption(
      new Option(
        '--host <host[=weight][,status=CODE][,body=TEXT]>',
        "Host header to send, with an optional weight and the host's own expected status and body (repeatable)",
      )
        .argParser(repeatable)
        .makeOptionMandatory(),
    )
    .option('--path <path>', 'request path for every host', '/')
    .option('--expect-body <text>', 'body every answer without its own body= must equal; another counts as an error')
    .option('-c, --config <file>', 'config file; only its load and report sections are used');
  addSettingOptions(command, LOAD_SETTINGS);
  return command.action(async (flags: Record<string, unknown>) => {
    const { config } = await loadConfig({
      cwd: io.cwd,
      env: io.env,
      flags,
      settings: LOAD_SETTINGS,
      ...(typeof flags['config'] === 'string' ? { configFile: flags['config'] } : {}),
    });
    setExitCode(
      await runLoadOnly(config, io, {
        target: String(flags['target']),
        hosts: flags['host'] as string[],
        path: String(flags['path']),
        ...(typeof flags['expectBody'] === 'string' ? { expectBody: flags['expectBody'] } : {}),
      }),
    );
  });
};
