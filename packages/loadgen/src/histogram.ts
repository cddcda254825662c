import type { Histogram, JsHistogram } from 'hdr-histogram-js';
import hdr from 'hdr-histogram-js';
import type { LatencyStats } from './types.js';

/**
 * 64-bit (float) bucket counts everywhere, recording, merging and decoding alike: a long high-rate
 * run, or the merge of many workers' or runs' results, can pass 2^32 - 1 in one bucket, which 32-bit
 * buckets wrap silently. Counts stay exact up to 2^53; recording costs the same.
 */
const BUCKET_BITS = 64;

/** Latencies are recorded in microseconds; 3 significant digits keeps 0.1% resolution at every scale. */
export function createHistogram(digits: 2 | 3 = 3): Histogram {
  return hdr.build({
    bitBucketSize: BUCKET_BITS,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: digits,
    useWebAssembly: false,
  });
}

/** Lossless: every bucket count survives, so decoded histograms merge exactly. */
export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/**
 * Decodes a histogram from a LoadResult (microsecond values), e.g. for merging or bootstrap CIs.
 * The one decoder of prload's histograms; throws hdr-histogram-js's error for text that is not one.
 */
export function decodeHistogram(base64: string): JsHistogram {
  // Without WebAssembly the decoder builds a JsHistogram, whose bucket iterators the report reads.
  return hdr.decodeFromCompressedBase64(base64, BUCKET_BITS, false) as JsHistogram;
}

const US_PER_MS = 1000;

/** Percentiles in milliseconds; all zero for an empty histogram. */
export function latencyStats(histogram: Histogram): LatencyStats {
  if (histogram.totalCount === 0) return { p50: 0, p90: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  return {
    p50: histogram.getValueAtPercentile(50) / US_PER_MS,
    p90: histogram.getValueAtPercentile(90) / US_PER_MS,
    p95: histogram.getValueAtPercentile(95) / US_PER_MS,
    p99: histogram.getValueAtPercentile(99) / US_PER_MS,
    // The bucket's highest equivalent value, not the raw max: it survives encoding, so merged results agree exactly.
    max: histogram.getValueAtPercentile(100) / US_PER_MS,
    mean: histogram.mean / US_PER_MS,
  };
}

/** Milliseconds (float) to whole microseconds, clamped at 0 so clock jitter never records a negative value. */
export function toMicros(ms: number): number {
  return ms <= 0 ? 0 : Math.round(ms * US_PER_MS);
}
