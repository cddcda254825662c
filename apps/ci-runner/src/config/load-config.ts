import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { formatIssues, keyPath, type Origin } from './format-issues.js';
import { knownKeys } from './json-schema.js';
import { type Config, ConfigSchema } from './schema.js';
import { attributeName, coerce, flagName, SETTINGS, type Setting } from './settings.js';

/** The file read when no `--config` is given; a missing default file is not an error. */
export const DEFAULT_CONFIG_FILE = 'prload.config.yaml';
/** Upper bound on a config file's size. */
export const MAX_CONFIG_BYTES = 2 ** 20;
/** Upper bound on YAML alias expansions in a config (the yaml library's own default is 100). */
const MAX_ALIAS_COUNT = 50;
/** Syntax errors listed before the rest are counted: a binary file would otherwise print thousands. */
const MAX_SYNTAX_LINES = 10;

export interface LoadConfigOptions {
  /** @default process.cwd() */
  readonly cwd?: string;
  /** `--config FILE`; when absent, `prload.config.yaml` in `cwd` is read if present. */
  readonly configFile?: string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Parsed commander options, by attribute name. */
  readonly flags?: Readonly<Record<string, unknown>>;
  /** Limits flags and variables to these settings, e.g. only `load.*` for `prload load`. @default SETTINGS */
  readonly settings?: readonly Setting[];
  /** Values that take precedence over the file but not over env and flags (e.g. `prload load`'s targets). */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

export interface LoadedConfig {
  readonly config: Config;
  /** The config file read, if any. */
  readonly file?: string;
}

/**
 * Builds the config from, in rising precedence: defaults, the config file,
 * `PRLOAD_*` variables and flags; then validates it as a whole. Throws a
 * `ConfigError` listing one line per problem.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const origins = new Map<string, Origin>();

  const configFile = options.configFile ?? env['PRLOAD_CONFIG'];
  const file = await readConfigFile(cwd, configFile);
  const raw: Record<string, unknown> = file?.data ?? {};
  if (options.overrides) for (const [key, value] of Object.entries(options.overrides)) set(raw, key.split('.'), value);

  const settings = options.settings ?? SETTINGS;
  for (const setting of settings) {
    const value = env[setting.env];
    if (value === undefined || value === '') continue;
    set(raw, setting.path, coerce(setting.kind, value));
    origins.set(setting.path.join('.'), { kind: 'env', name: setting.env });
  }
  for (const setting of settings) {
    const value = options.flags?.[attributeName(setting.flag)];
    if (value === undefined) continue;
    // A negated flag (--no-comment) is only "given" when it turns the default off.
    if (setting.flag.startsWith('--no-') && value === true) continue;
    set(raw, setting.path, coerce(setting.kind, value));
    origins.set(setting.path.join('.'), { kind: 'flag', name: flagName(setting.flag) });
  }

  const result = ConfigSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    const problems = formatIssues(result.error.issues, { origins, knownKeys });
    throw new ConfigError(problems, file?.path);
  }
  return file ? { config: result.data, file: file.path } : { config: result.data };
}

async function readConfigFile(
  cwd: string,
  configFile: string | undefined,
): Promise<{ path: string; data: Record<string, unknown> } | undefined> {
  const path = resolve(cwd, configFile ?? DEFAULT_CONFIG_FILE);
  const name = configFile ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    // A config is a few hundred bytes; a huge file is a mistake or an attack, refused before it is read.
    const { size } = await stat(path);
    if (size > MAX_CONFIG_BYTES)
      throw new ConfigError(
        [
          `${name}: is ${(size / 2 ** 20).toFixed(1)} MiB; a prload config may be at most ${MAX_CONFIG_BYTES / 2 ** 20} MiB`,
        ],
        path,
      );
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (configFile === undefined && code === 'ENOENT') return undefined;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a folder'
            : String(code);
    throw new ConfigError([`--config: cannot read ${configFile ?? path}: ${reason}`], path, { cause: error });
  }
  // YAML is a superset of JSON, so one parser reads both formats with line numbers in its errors.
  let document: ReturnType<typeof parseDocument>;
  let data: unknown;
  try {
    document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length === 0) data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library refuses alias expansion past maxAliasCount ("billion laughs"); deep nesting overflows the stack.
    const reason =
      error instanceof RangeError
        ? 'is nested too deeply to read'
        : /alias/i.test(String((error as Error).message))
          ? `expands too many aliases (more than ${MAX_ALIAS_COUNT}): a config never needs that many`
          : (error as Error).message;
    throw new ConfigError([`${name}: ${reason}`], path, { cause: error });
  }
  if (document.errors.length > 0) {
    if (document.errors.some((e) => /call stack/i.test(e.message)))
      throw new ConfigError([`${name}: is nested too deeply to read`], path);
    const lines = document.errors.map((e) => {
      const position = e.linePos?.[0];
      const where = position ? `${name}:${position.line}:${position.col}` : name;
      return `${where}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
    });
    const shown = lines.slice(0, MAX_SYNTAX_LINES);
    if (lines.length > shown.length) shown.push(`${name}: … and ${lines.length - shown.length} more syntax errors`);
    throw new ConfigError(shown, path);
  }
  if (data === null || data === undefined) return { path, data: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(
      [`${configFile ?? DEFAULT_CONFIG_FILE}: must hold a mapping of keys (cluster, apps, load, ...)`],
      path,
    );
  }
  return { path, data: data as Record<string, unknown> };
}

function set(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

export { keyPath };
