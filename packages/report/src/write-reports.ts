import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BaselineComparison } from './compare-baseline.js';
import { ReportInputError, ReportWriteError } from './errors.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import type { RunReport } from './run-report.js';

export type ReportFormat = 'md' | 'html' | 'junit' | 'json';

export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'junit', 'json'];

export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  md: 'prload-report.md',
  html: 'prload-report.html',
  junit: 'prload-report.xml',
  json: 'prload-report.json',
};

export interface WriteReportsOptions {
  /** Created if missing. */
  readonly outDir: string;
  /** @default ['md', 'html', 'junit', 'json'] */
  readonly formats?: readonly ReportFormat[];
  /** A comparison to show in md/html; defaults to `report.regressions.comparison`. */
  readonly baseline?: BaselineComparison;
  /** Link placed in the markdown (e.g. to the uploaded HTML artifact). */
  readonly fullReportUrl?: string;
}

/** Writes `prload-report.{md,html,xml,json}` and returns the written paths by format. */
export async function writeReports(
  report: RunReport,
  options: WriteReportsOptions,
): Promise<Partial<Record<ReportFormat, string>>> {
  const formats = options.formats ?? REPORT_FORMATS;
  for (const format of formats) {
    if (!REPORT_FORMATS.includes(format)) {
      throw new ReportInputError(
        `format: unknown report format ${JSON.stringify(format)}; use ${REPORT_FORMATS.join(', ')}`,
      );
    }
  }
  const render: Record<ReportFormat, () => string> = {
    md: () =>
      renderMarkdown(report, {
        ...(options.baseline ? { baseline: options.baseline } : {}),
        ...(options.fullReportUrl ? { fullReportUrl: options.fullReportUrl } : {}),
      }),
    html: () => renderHtml(report, options.baseline ? { baseline: options.baseline } : {}),
    junit: () => renderJunit(report),
    json: () => renderJson(report),
  };
  const written: Partial<Record<ReportFormat, string>> = {};
  try {
    await mkdir(options.outDir, { recursive: true });
    for (const format of new Set(formats)) {
      const path = join(options.outDir, REPORT_FILE_NAMES[format]);
      await writeFile(path, render[format](), 'utf8');
      written[format] = path;
    }
  } catch (cause) {
    if (cause instanceof ReportInputError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    if (!code) throw cause;
    throw new ReportWriteError(
      `${options.outDir}: cannot write the reports (${code}); check that the directory is writable`,
      {
        cause,
      },
    );
  }
  return written;
}
