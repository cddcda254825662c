const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/** The pattern a duration string must match; also used in the JSON Schema. */
export const DURATION_PATTERN = '^(\\d+(\\.\\d+)?(ms|s|m|h))+$';

/**
 * Parses `500ms`, `30s`, `2m`, `1h` or compound `1m30s` into milliseconds.
 * A bare number is taken as seconds, the unit people mean in a YAML file.
 * Returns undefined when the text is not a duration.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1_000 : undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1_000;
  const parts = text.match(/\d+(?:\.\d+)?(?:ms|s|m|h)/g);
  if (parts === null || parts.join('') !== text) return undefined;
  let total = 0;
  for (const part of parts) {
    const [, amount, unit] = DURATION.exec(part)!;
    total += Number(amount) * UNIT_MS[unit!]!;
  }
  return total;
}

/**
 * 1500 → `1.5s`, 90000 → `1m30s`, 86400000 → `24h`: the inverse of parseDuration, for messages, limits and
 * progress output, so a value reads as a user would write it.
 */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1_000).toFixed(1))}s`;
  const total = Math.round(ms / 1_000);
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
}
