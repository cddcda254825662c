import { LoadRun } from './load-run.js';
import { resolveOptions } from './options.js';
import { primeUndici } from './prime-undici.js';
import { runSharded } from './run-sharded.js';
import type { LoadOptions, LoadResult } from './types.js';

/**
 * Runs one load test and resolves with everything measured, also when stopped early by
 * `options.signal`. Rejects only for invalid options (LoadOptionsError).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const resolved = resolveOptions(options);
  if (resolved.workers > 1) return runSharded(resolved, options);
  if (resolved.engine === 'undici') await primeUndici();
  return new LoadRun(resolved, options).run();
}
