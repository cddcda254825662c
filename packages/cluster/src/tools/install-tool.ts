import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import type { Executor } from '../exec.js';
import { downloadVerified } from './download-verified.js';
import { ToolDownloadError } from './errors.js';
import type { ToolAsset } from './tool-pins.js';

export interface InstallToolOptions {
  readonly name: string;
  readonly asset: ToolAsset;
  /** The binary's final path; its folder is created. */
  readonly destination: string;
  /** Runs `tar` for `.tar.gz` assets. */
  readonly executor: Executor;
  readonly dispatcher?: Dispatcher;
  readonly signal?: AbortSignal;
}

/**
 * Downloads and verifies a pinned tool, unpacks it if needed, and moves it into
 * place last: a binary at `destination` has always passed its checksum, and a
 * crash half-way leaves nothing a later run could mistake for a good copy.
 */
export async function installTool(options: InstallToolOptions): Promise<void> {
  const folder = join(options.destination, '..');
  await mkdir(folder, { recursive: true });
  const work = await mkdtemp(join(folder, '.download-'));
  try {
    const downloaded = join(work, 'download');
    await downloadVerified({
      url: options.asset.url,
      sha256: options.asset.sha256,
      destination: downloaded,
      dispatcher: options.dispatcher,
      signal: options.signal,
    });
    let binary = downloaded;
    if (options.asset.archivePath !== undefined) {
      const result = await options.executor.run('tar', ['-xzf', downloaded, '-C', work, options.asset.archivePath], {
        signal: options.signal,
      });
      if (result.exitCode !== 0) {
        throw new ToolDownloadError(
          `${options.asset.url}: cannot extract ${options.asset.archivePath} (tar: ${result.stderr.trim() || `exit ${result.exitCode}`}) — check archivePath in the tool pins`,
        );
      }
      binary = join(work, options.asset.archivePath);
    }
    await chmod(binary, 0o755);
    await rename(binary, options.destination);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
