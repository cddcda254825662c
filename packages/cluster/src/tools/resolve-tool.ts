import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { createExecutor, type Executor } from '../exec.js';
import { ToolNotFoundError } from './errors.js';
import { findOnPath, isExecutableFile } from './find-on-path.js';
import { installTool } from './install-tool.js';
import { currentPlatform, type Platform } from './platform.js';
import { formatVersion } from './semver.js';
import { TOOL_PINS, type ToolPins } from './tool-pins.js';
import { MINIMUM_VERSIONS, type ToolName } from './tool-versions.js';

export interface ResolveToolOptions {
  /** Where PRLOAD_<TOOL>, PATH and PRLOAD_CACHE_DIR are read. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Download the pinned build when the tool is not found. @default true */
  readonly download?: boolean;
  /** @default `$PRLOAD_CACHE_DIR/tools`, else `~/.cache/prload/tools` */
  readonly cacheDir?: string;
  /** @default TOOL_PINS */
  readonly pins?: ToolPins;
  /** @default the running platform */
  readonly platform?: Platform;
  /** For downloads; tests point it at a local server. @default undici's global dispatcher */
  readonly dispatcher?: Dispatcher;
  /** Runs `tar` when a pinned download is an archive. @default createExecutor() */
  readonly executor?: Executor;
  readonly signal?: AbortSignal;
}

export interface ResolvedTool {
  readonly name: ToolName;
  readonly path: string;
  /** Where it came from: its PRLOAD_* variable, PATH, an earlier verified download, or a new one. */
  readonly source: 'env' | 'path' | 'cache' | 'download';
}

/** `PRLOAD_KIND`, `PRLOAD_HELM`, `PRLOAD_KUBECTL`. */
export function toolEnvVar(name: ToolName): string {
  return `PRLOAD_${name.toUpperCase()}`;
}

export function defaultToolCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env['PRLOAD_CACHE_DIR'] ?? join(homedir(), '.cache', 'prload'), 'tools');
}

/** The fix a person needs when a tool is missing, e.g. `install kind >=0.27 or set PRLOAD_KIND`. */
export function installHint(name: ToolName): string {
  const min = MINIMUM_VERSIONS[name];
  const floor = min.patch === 0 ? `${min.major}.${min.minor}` : formatVersion(min).slice(1);
  return `install ${name} >=${floor} or set ${toolEnvVar(name)}`;
}

/**
 * Finds a tool: its PRLOAD_<TOOL> variable wins, then PATH, then a verified copy
 * in the cache, then (unless `download: false`) the pinned build is downloaded
 * into `<cacheDir>/<tool>-<version>/` and checked against its SHA-256 first.
 */
export async function resolveTool(name: ToolName, options: ResolveToolOptions = {}): Promise<ResolvedTool> {
  const env = options.env ?? process.env;
  const variable = toolEnvVar(name);
  const fromEnv = env[variable];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (await isExecutableFile(fromEnv)) return { name, path: fromEnv, source: 'env' };
    throw new ToolNotFoundError(`${variable}=${fromEnv} is not an executable file — fix the path or unset ${variable}`);
  }
  const onPath = await findOnPath(name, env['PATH']);
  if (onPath) return { name, path: onPath, source: 'path' };

  const pin = (options.pins ?? TOOL_PINS)[name];
  const cached = join(options.cacheDir ?? defaultToolCacheDir(env), `${name}-${pin.version}`, name);
  if (await isExecutableFile(cached)) return { name, path: cached, source: 'cache' };
  if (options.download === false) throw new ToolNotFoundError(`${name} not found on PATH — ${installHint(name)}`);

  const platform = options.platform ?? currentPlatform();
  const asset = pin.assets[platform];
  if (!asset)
    throw new ToolNotFoundError(`${name} not found on PATH and no pinned build for ${platform} — ${installHint(name)}`);
  await installTool({
    name,
    asset,
    destination: cached,
    executor: options.executor ?? createExecutor(),
    dispatcher: options.dispatcher,
    signal: options.signal,
  });
  return { name, path: cached, source: 'download' };
}
