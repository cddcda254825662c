import { ToolNotFoundError } from './errors.js';

/** The platforms prload ships pinned downloads for. */
export type Platform = 'linux-amd64' | 'linux-arm64' | 'darwin-amd64' | 'darwin-arm64';

/** Maps Node's `process.platform`/`process.arch` to the names tool releases use. */
export function currentPlatform(platform: string = process.platform, arch: string = process.arch): Platform {
  const os = platform === 'linux' ? 'linux' : platform === 'darwin' ? 'darwin' : undefined;
  const cpu = arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : undefined;
  if (!os || !cpu) {
    throw new ToolNotFoundError(
      `no pinned tool downloads for ${platform}/${arch} — install kind, helm and kubectl yourself and put them on PATH`,
    );
  }
  return `${os}-${cpu}`;
}
