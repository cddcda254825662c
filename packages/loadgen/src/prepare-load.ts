import { resolveOptions } from './options.js';
import { PreparedRun } from './prepared-run.js';
import { prepareSharded } from './run-sharded.js';
import type { LoadOptions, PreparedLoad } from './types.js';

/**
 * Validates the options and builds the run's pools (and worker threads, with `workers > 1`)
 * without sending anything, so a shard can report "ready" before the shared start; `start`
 * then runs it. Rejects only for invalid options (LoadOptionsError), or a worker thread that
 * failed to start (LoadWorkerError).
 */
export async function prepareLoad(options: LoadOptions): Promise<PreparedLoad> {
  const resolved = resolveOptions(options);
  if (resolved.workers > 1) return prepareSharded(resolved, options);
  return PreparedRun.prepare(resolved, options);
}
