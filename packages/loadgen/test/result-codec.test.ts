import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ResultDecodeError } from '../src/errors.js';
import { decodeResult, encodeResult } from '../src/result-codec.js';
import type { LoadResult } from '../src/types.js';
import { latencies, resultFromSamples } from './helpers/results.js';

const result: LoadResult = {
  ...resultFromSamples({
    'a.localhost': { latencyUs: latencies(5000, 1), errors: 12 },
    'b.localhost': { latencyUs: latencies(3000, 2) },
  }),
  shard: { index: 1, count: 4, startAt: '2025-01-01T00:00:00.000Z', startLagMs: 0.731 },
};

function decodeError(bytes: Uint8Array, what = "shard 3's result"): ResultDecodeError {
  try {
    decodeResult(bytes, what);
  } catch (error) {
    return error as ResultDecodeError;
  }
  throw new Error('decodeResult accepted the bytes');
}

describe('encodeResult / decodeResult', () => {
  it('round-trips a result with histograms in a few KB', () => {
    const bytes = encodeResult(result);
    expect(decodeResult(bytes, 'result')).toEqual(result);
    // 8000 samples over two hosts; the histograms inside are compressed already.
    expect(bytes.length).toBeLessThan(16 * 1024);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['bytes that are not gzip', Buffer.from('not a result at all'), /not gzip data/],
    ['an empty buffer', new Uint8Array(0), /not gzip data/],
    ['gzip cut short', encodeResult(result).subarray(0, 100), /not gzip data/],
    ['gzip of text that is not JSON', gzipSync('{"schemaVersion": 1,'), /not JSON/],
    // The shape is loadResultProblem's (its own tests hold the table); these show its line reaches the error.
    ['gzip of JSON that is not an object', gzipSync('[1, 2]'), /the top level must be an object, got \[1,2\]/],
    [
      'another schema version',
      gzipSync(JSON.stringify({ ...result, schemaVersion: 2 })),
      /\(schemaVersion must be 1, got 2\)/,
    ],
    [
      'a result with a text request count',
      gzipSync(JSON.stringify({ ...result, summary: { ...result.summary, requests: '12' } })),
      /\(summary\.requests must be a number, got "12"\)/,
    ],
    [
      'a malformed shard',
      gzipSync(JSON.stringify({ ...result, shard: { index: 1, count: 4, startAt: 5, startLagMs: 0 } })),
      /\(shard\.startAt must be an ISO date string, got 5\)/,
    ],
  ])('refuses %s with a typed error naming what it was', (_name, bytes, problem) => {
    const error = decodeError(bytes);
    expect(error).toBeInstanceOf(ResultDecodeError);
    expect(error.code).toBe('LOADGEN_RESULT_DECODE');
    expect(error.kind).toBe('infrastructure');
    expect(error.what).toBe("shard 3's result");
    expect(error.message).toMatch(/^shard 3's result: not a load result \(/);
    expect(error.message).toMatch(problem);
    expect(error.message).toMatch(/it must be the bytes encodeResult wrote$/);
  });

  it('refuses a stream that inflates past the cap instead of filling the heap', () => {
    const bomb = gzipSync(Buffer.alloc(65 * 1024 * 1024, 0x20));
    expect(decodeError(bomb).message).toMatch(/not gzip data: .*(buffer|length|larger)/i);
  });
});
