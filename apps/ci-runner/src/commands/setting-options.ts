import { type Command, Option } from 'commander';
import type { Setting } from '../config/settings.js';
import { repeatable } from './repeatable.js';

/**
 * Adds a flag for each setting. Flags carry no commander defaults: an unset
 * flag must not override the config file, and defaults live in the schema.
 */
export function addSettingOptions(command: Command, settings: readonly Setting[]): Command {
  for (const setting of settings) {
    const option = new Option(setting.flag, `${setting.description} [env: ${setting.env}]`);
    if (setting.kind === 'list' && !setting.flag.startsWith('--format')) option.argParser(repeatable);
    command.addOption(option);
  }
  return command;
}
