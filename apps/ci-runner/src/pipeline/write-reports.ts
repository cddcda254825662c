import { type ReportFormat, type RunReport, writeReports } from '@prload/report';

/** Writes the report in every configured format and returns the paths written. */
export async function writeRunReports(
  report: RunReport,
  outDir: string,
  formats: readonly ReportFormat[],
): Promise<string[]> {
  const written = await writeReports(report, { outDir, formats });
  return Object.values(written).filter((path): path is string => path !== undefined);
}
