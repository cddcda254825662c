/** `30s`, `2.5s`: a deadline or a wait in the messages and progress lines of this package. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
}
