import { stat } from 'node:fs/promises';
import { summary } from '@actions/core';
import { fitMarkdown } from '../fit-markdown.js';

/** GitHub's limit for one step's job summary. */
export const JOB_SUMMARY_MAX_BYTES = 1024 * 1024;

export interface WriteJobSummaryOptions {
  /** @default 1 MiB */
  readonly maxBytes?: number;
  /** Linked when sections are trimmed to fit. */
  readonly fullReportUrl?: string;
}

export interface WriteJobSummaryResult {
  /** False outside GitHub Actions (no GITHUB_STEP_SUMMARY). */
  readonly written: boolean;
  readonly path?: string;
  readonly truncated: boolean;
  readonly bytes: number;
}

/**
 * Appends markdown to the step's job summary (GITHUB_STEP_SUMMARY), trimmed
 * so the step's summary stays under GitHub's 1 MiB: larger summaries are not
 * shown at all.
 */
export async function writeJobSummary(
  markdown: string,
  options: WriteJobSummaryOptions = {},
): Promise<WriteJobSummaryResult> {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) return { written: false, truncated: false, bytes: 0 };
  const existing = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  const budget = Math.max(0, (options.maxBytes ?? JOB_SUMMARY_MAX_BYTES) - existing - 1);
  const text = fitBytes(markdown, budget, options.fullReportUrl);
  await summary.emptyBuffer().addRaw(text, true).write();
  return { written: true, path, truncated: text !== markdown, bytes: Buffer.byteLength(text) + 1 };
}

/** fitMarkdown counts UTF-16 units; the summary limit is bytes, so shrink until the UTF-8 size fits. */
export function fitBytes(markdown: string, maxBytes: number, fullReportUrl?: string): string {
  let limit = maxBytes;
  let text = markdown;
  for (;;) {
    text = fitMarkdown(markdown, limit, fullReportUrl);
    const bytes = Buffer.byteLength(text);
    if (bytes <= maxBytes || limit <= 0) return bytes <= maxBytes ? text : '';
    limit = Math.floor((limit * maxBytes) / bytes) - 16;
  }
}
