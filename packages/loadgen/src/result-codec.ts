import { gunzipSync, gzipSync } from 'node:zlib';
import { loadResultProblem } from './check-load-result.js';
import { ResultDecodeError } from './errors.js';
import type { LoadResult } from './types.js';

/**
 * Most bytes a decoded result may take. A result is tens of KB of JSON (its histograms dominate);
 * the cap keeps a corrupt or hostile gzip stream from inflating into the heap.
 */
const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/**
 * A result as bytes to carry between processes (a shard's ConfigMap): gzip of its JSON, a few KB
 * with histograms. `decodeResult` reads it back.
 */
export function encodeResult(result: LoadResult): Buffer {
  return gzipSync(JSON.stringify(result));
}

/**
 * Reads bytes `encodeResult` wrote, checking they hold a result of schema version 1 whole
 * (`loadResultProblem`). `what` names the bytes in the error (ResultDecodeError,
 * `LOADGEN_RESULT_DECODE`), e.g. `shard 2's result`.
 */
export function decodeResult(bytes: Uint8Array, what: string): LoadResult {
  let text: string;
  try {
    text = gunzipSync(bytes, { maxOutputLength: MAX_DECODED_BYTES }).toString('utf8');
  } catch (cause) {
    throw new ResultDecodeError(what, `not gzip data: ${(cause as Error).message}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ResultDecodeError(what, `not JSON: ${(cause as Error).message}`, { cause });
  }
  const problem = loadResultProblem(json);
  if (problem !== undefined) throw new ResultDecodeError(what, problem.message);
  return json as LoadResult;
}
