import type { ProviderName } from '../cluster.js';
import type { Executor } from '../exec.js';
import { CommandNotFoundError, lastLine } from '../exec-errors.js';
import { ToolNotFoundError, ToolVersionError } from '../tools/errors.js';
import { installHint, resolveTool, toolEnvVar } from '../tools/resolve-tool.js';
import { compareVersions, formatVersion, type Version } from '../tools/semver.js';
import {
  MINIMUM_VERSIONS,
  parseHelmVersion,
  parseKindVersion,
  parseKubectlVersion,
  type ToolName,
} from '../tools/tool-versions.js';
import { checkPort } from './check-port.js';
import { PrerequisitesError } from './errors.js';

export type Requirement = 'docker' | ToolName | 'host-ports';

/** What each provider needs on the machine that runs prload. */
export const PROVIDER_REQUIREMENTS: Readonly<Record<ProviderName, readonly Requirement[]>> = {
  local: [],
  kind: ['docker', 'kind', 'helm', 'kubectl', 'host-ports'],
  kwok: ['helm', 'kubectl'],
  existing: ['helm', 'kubectl'],
};

export interface CheckPrerequisitesOptions {
  readonly provider: ProviderName;
  readonly executor: Executor;
  /** Paths already resolved (e.g. by `resolveTool`); others are looked up via PRLOAD_<TOOL> and PATH only. */
  readonly tools?: Readonly<Partial<Record<ToolName, string>>>;
  /** @default PROVIDER_REQUIREMENTS[provider] */
  readonly requirements?: readonly Requirement[];
  /** Ports kind maps on 127.0.0.1. @default { http: 80, https: 443 } */
  readonly hostPorts?: { readonly http: number; readonly https: number };
  /** Where tools are looked up. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

/** The cgroup version of the Docker host, as `docker info` reports it (`.CgroupVersion`). */
export type CgroupVersion = 1 | 2;

/**
 * Versions found, for the report (e.g. `{ docker: '28.2.2', kind: 'v0.33.0' }`), and, when
 * Docker was checked, its host's cgroup version (kind needs a kubelet setting on cgroup v1).
 */
export type PrerequisiteVersions = Readonly<Partial<Record<'docker' | ToolName, string>>> & {
  readonly dockerCgroupVersion?: CgroupVersion;
};

type Outcome =
  | { problem: string }
  | { versions: Record<string, string>; dockerCgroupVersion?: CgroupVersion }
  | undefined;

const VERSION_COMMANDS: Readonly<Record<ToolName, { args: string[]; parse: (stdout: string) => Version }>> = {
  kind: { args: ['version'], parse: parseKindVersion },
  helm: { args: ['version', '--short'], parse: parseHelmVersion },
  kubectl: { args: ['version', '--client', '-o', 'json'], parse: parseKubectlVersion },
};

/**
 * Checks everything the provider needs at once and reports every problem
 * together, one line each, naming the tool and the fix. Resolves with the
 * versions found; rejects with PrerequisitesError.
 */
export async function checkPrerequisites(options: CheckPrerequisitesOptions): Promise<PrerequisiteVersions> {
  const requirements = options.requirements ?? PROVIDER_REQUIREMENTS[options.provider];
  const outcomes = await Promise.all(
    requirements.map((requirement): Promise<Outcome | Outcome[]> => {
      if (requirement === 'docker') return checkDocker(options);
      if (requirement === 'host-ports') return checkHostPorts(options);
      return checkTool(requirement, options);
    }),
  );
  const problems: string[] = [];
  const versions: Record<string, string> = {};
  let dockerCgroupVersion: CgroupVersion | undefined;
  for (const outcome of outcomes.flat()) {
    if (outcome && 'problem' in outcome) problems.push(outcome.problem);
    else if (outcome) {
      Object.assign(versions, outcome.versions);
      dockerCgroupVersion ??= outcome.dockerCgroupVersion;
    }
  }
  if (problems.length > 0) throw new PrerequisitesError(problems);
  return dockerCgroupVersion === undefined ? versions : { ...versions, dockerCgroupVersion };
}

/**
 * `docker info` prints the daemon's version and its host's cgroup version ("1" or "2");
 * daemons older than API 1.41 leave the latter empty, and those hosts ran cgroup v1 or v2
 * alike, so an empty answer counts as 2, the only one kubelet >= 1.35 accepts by default.
 */
export function parseDockerInfo(stdout: string): { version: string; cgroupVersion: CgroupVersion } {
  const [version = '', cgroup = ''] = stdout.trim().split(/\s+/);
  return { version, cgroupVersion: cgroup === '1' ? 1 : 2 };
}

async function checkDocker(options: CheckPrerequisitesOptions): Promise<Outcome> {
  try {
    // docker is looked up on the same PATH as the other tools.
    const path = options.env?.['PATH'];
    const result = await options.executor.run('docker', ['info', '--format', '{{.ServerVersion}} {{.CgroupVersion}}'], {
      signal: options.signal,
      ...(path === undefined ? {} : { env: { PATH: path } }),
    });
    if (result.exitCode !== 0) {
      return {
        problem: `Docker daemon not reachable (docker info: ${lastLine(result.stderr)}) — start Docker, or set DOCKER_HOST to a running daemon`,
      };
    }
    const info = parseDockerInfo(result.stdout);
    return { versions: { docker: info.version }, dockerCgroupVersion: info.cgroupVersion };
  } catch (error) {
    if (error instanceof CommandNotFoundError)
      return { problem: 'docker not found on PATH — install Docker (kind runs its nodes as containers)' };
    throw error;
  }
}

async function checkTool(name: ToolName, options: CheckPrerequisitesOptions): Promise<Outcome> {
  let path = options.tools?.[name];
  if (path === undefined) {
    try {
      path = (await resolveTool(name, { env: options.env, download: false, signal: options.signal })).path;
    } catch (error) {
      if (error instanceof ToolNotFoundError) return { problem: error.message };
      throw error;
    }
  }
  const { args, parse } = VERSION_COMMANDS[name];
  let stdout: string;
  try {
    const result = await options.executor.run(path, args, { signal: options.signal });
    if (result.exitCode !== 0) {
      return { problem: `${name} version failed (${lastLine(result.stderr)}) — ${installHint(name)}` };
    }
    stdout = result.stdout;
  } catch (error) {
    if (error instanceof CommandNotFoundError)
      return { problem: `${name} not found at ${path} — ${installHint(name)}` };
    throw error;
  }
  let version: Version;
  try {
    version = parse(stdout);
  } catch (error) {
    if (error instanceof ToolVersionError) return { problem: `${error.message} — ${installHint(name)}` };
    throw error;
  }
  const minimum = MINIMUM_VERSIONS[name];
  if (compareVersions(version, minimum) < 0) {
    return {
      problem: `${name} ${formatVersion(version)} is too old, prload needs >=${formatVersion(minimum)} — upgrade ${name} or set ${toolEnvVar(name)} to a newer one`,
    };
  }
  return { versions: { [name]: formatVersion(version) } };
}

async function checkHostPorts(options: CheckPrerequisitesOptions): Promise<Outcome[]> {
  const ports = options.hostPorts ?? { http: 80, https: 443 };
  return Promise.all(
    (['http', 'https'] as const).map(async (which): Promise<Outcome> => {
      const port = ports[which];
      if ((await checkPort(port)) !== 'in-use') return undefined;
      return {
        problem: `host port ${port} on 127.0.0.1 is in use — stop what listens there, or give kind another hostPorts.${which}`,
      };
    }),
  );
}
