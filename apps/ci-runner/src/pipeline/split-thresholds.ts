/**
 * Thresholds on the run itself (`p95<200ms`) are checked by the load
 * generator; thresholds on the change against a baseline (`p95 regression > 10%`)
 * by the report. One list in the config holds both.
 */
export function splitThresholds(expressions: readonly string[]): { load: string[]; regression: string[] } {
  const load: string[] = [];
  const regression: string[] = [];
  for (const expression of expressions) (/\bregression\b/.test(expression) ? regression : load).push(expression);
  return { load, regression };
}
