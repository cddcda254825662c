import { EXIT } from './exit-codes.js';

/**
 * An error the CLI reports as one or more plain lines and an exit code,
 * never a stack trace (modelled on commander's `CommanderError`).
 */
export class CliError extends Error {
  override name = 'CliError';
  readonly code: string;
  readonly exitCode: number;
  /** One line per problem. */
  readonly lines: readonly string[];

  constructor(exitCode: number, code: string, lines: readonly string[], options?: ErrorOptions) {
    super(lines.join('\n'), options);
    this.exitCode = exitCode;
    this.code = code;
    this.lines = lines;
  }
}

/** The config, a flag or an environment variable is wrong. */
export class ConfigError extends CliError {
  override name = 'ConfigError';
  readonly file: string | undefined;

  constructor(problems: readonly string[], file?: string, options?: ErrorOptions) {
    super(EXIT.BAD_INPUT, 'PRLOAD_BAD_CONFIG', problems, options);
    this.file = file;
  }
}
