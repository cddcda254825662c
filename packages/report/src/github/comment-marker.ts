import { ReportInputError } from '../errors.js';

const REPORT_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The hidden HTML comment that identifies a report's sticky comment on a PR. */
export function commentMarker(reportId: string): string {
  if (!REPORT_ID.test(reportId)) {
    throw new ReportInputError(
      `reportId: must be 1-64 characters of A-Z a-z 0-9 . _ -, got ${JSON.stringify(reportId.slice(0, 80))}`,
    );
  }
  return `<!-- prload-report:${reportId} -->`;
}

/** Puts the marker on the first line, replacing any marker the body already carries. */
export function withMarker(body: string, reportId: string): string {
  const stripped = body.replace(/^<!-- prload-report:[A-Za-z0-9._-]{1,64} -->\n?/, '');
  return `${commentMarker(reportId)}\n${stripped}`;
}

export function hasMarker(body: string | null | undefined, reportId: string): boolean {
  return typeof body === 'string' && body.trimStart().startsWith(commentMarker(reportId));
}
