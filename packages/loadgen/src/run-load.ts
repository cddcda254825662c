import { prepareLoad } from './prepare-load.js';
import type { LoadOptions, LoadResult } from './types.js';

/**
 * Runs one load test and resolves with everything measured, also when stopped early by
 * `options.signal`: `prepareLoad` then `start(options.startAt)`. Rejects only for invalid
 * options (LoadOptionsError).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const prepared = await prepareLoad(options);
  return prepared.start();
}
