import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** Creates one subcommand; its action reports the exit code through `setExitCode`. */
export type CommandFactory = (io: CliIo, setExitCode: (code: number) => void) => Command;
