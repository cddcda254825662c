import { ToolVersionError } from './errors.js';
import { parseVersion, type Version } from './semver.js';

export type ToolName = 'kind' | 'helm' | 'kubectl';

/**
 * Oldest versions prload supports. kind 0.27 is the first release whose node
 * images are built for Kubernetes 1.32+ with containerd 2; helm 3.14 is the
 * oldest helm 3 still receiving fixes when this was written; kubectl 1.29
 * matches the chart's kubeVersion floor.
 */
export const MINIMUM_VERSIONS: Readonly<Record<ToolName, Version>> = {
  kind: { major: 0, minor: 27, patch: 0 },
  helm: { major: 3, minor: 14, patch: 0 },
  kubectl: { major: 1, minor: 29, patch: 0 },
};

/** `kind version` prints e.g. `kind v0.30.0 go1.24.6 linux/amd64`. */
export function parseKindVersion(stdout: string): Version {
  const match = /^kind v(\d+\.\d+\.\d+)/m.exec(stdout.trim());
  const version = match ? parseVersion(match[1]!) : undefined;
  if (!version)
    throw new ToolVersionError(`kind version: cannot read a version from ${JSON.stringify(firstLine(stdout))}`);
  return version;
}

/**
 * `helm version --short` prints `v3.19.0+g3d8990f` (helm 3) or `v4.1.4+g05fa379`
 * (helm 4); older helm 3 releases print the same form, helm 2 printed `Client: v2…`.
 */
export function parseHelmVersion(stdout: string): Version {
  const match = /^v(\d+\.\d+\.\d+)/m.exec(stdout.trim());
  const version = match ? parseVersion(match[1]!) : undefined;
  if (!version)
    throw new ToolVersionError(`helm version --short: cannot read a version from ${JSON.stringify(firstLine(stdout))}`);
  return version;
}

/** `kubectl version --client -o json` prints `{"clientVersion": {"gitVersion": "v1.34.5", …}}`. */
export function parseKubectlVersion(stdout: string): Version {
  let gitVersion: unknown;
  try {
    gitVersion = (JSON.parse(stdout) as { clientVersion?: { gitVersion?: unknown } }).clientVersion?.gitVersion;
  } catch (cause) {
    throw new ToolVersionError(
      `kubectl version --client -o json: output is not JSON: ${JSON.stringify(firstLine(stdout))}`,
      {
        cause,
      },
    );
  }
  const version = typeof gitVersion === 'string' ? parseVersion(gitVersion) : undefined;
  if (!version)
    throw new ToolVersionError('kubectl version --client -o json: no clientVersion.gitVersion in the output');
  return version;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
