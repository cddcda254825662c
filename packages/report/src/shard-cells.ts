import type { ShardSummary } from '@prload/loadgen';
import { formatCount, formatMs } from './format.js';

/** The Shards table's columns, in every renderer. */
export const SHARD_HEADERS = [
  'Shard',
  'Node',
  'Requests',
  'Errors',
  'Send lag p99',
  'Send lag max',
  'Start lag',
  'Start notice',
  'Valid',
];

/** One shard's cells as plain text, the node and the reason unescaped (external text: each renderer escapes them). */
export function shardCells(s: ShardSummary): string[] {
  return [
    String(s.index),
    s.node ?? '—',
    formatCount(s.requests),
    formatCount(s.errors),
    formatMs(s.sendLag.p99),
    formatMs(s.sendLag.max),
    formatMs(s.startLagMs),
    // Clock offset plus delivery of the start; a coordinator that sends no notice leaves it out.
    s.noticeDelayMs === undefined ? '—' : formatMs(s.noticeDelayMs),
    s.valid ? '✅ valid' : `❌ ${s.invalidReason ?? 'invalid'}`,
  ];
}

/** `3 of 4 valid`, the section's one-line summary. */
export function shardsVerdict(shards: readonly ShardSummary[]): string {
  return `${shards.filter((s) => s.valid).length} of ${shards.length} valid`;
}
