import { parseThreshold, type Threshold } from '@prload/loadgen';
import { parseRegressionThreshold } from '@prload/report';
import { ConfigError } from '../errors.js';

export interface CheckedThresholds {
  /** Gates on the run itself (`p95<200ms`), evaluated by the load generator. */
  readonly load: Threshold[];
  /** Gates on the change against a baseline (`p95 regression > 10%`), evaluated by the report. */
  readonly regression: string[];
}

/**
 * Parses every threshold before anything is created, so a typo costs a second,
 * not a cluster: one line per bad expression, naming it. One list in the config
 * holds both kinds.
 */
export function checkThresholds(
  expressions: readonly string[],
  run: { readonly hosts: readonly string[]; readonly model: 'open' | 'closed' },
): CheckedThresholds {
  const problems: string[] = [];
  const load: Threshold[] = [];
  const regression: string[] = [];
  for (const expression of expressions) {
    try {
      if (/\bregression\b/.test(expression)) {
        const parsed = parseRegressionThreshold(expression);
        if (parsed.host !== undefined && !run.hosts.includes(parsed.host))
          throw new Error(unknownHost(expression, parsed.host, run.hosts));
        regression.push(expression);
        continue;
      }
      const threshold = parseThreshold(expression);
      if (threshold.host !== undefined && !run.hosts.includes(threshold.host))
        throw new Error(unknownHost(expression, threshold.host, run.hosts));
      if (threshold.metric === 'rate' && threshold.unit === '%' && run.model === 'closed') {
        throw new Error(
          `threshold "${expression}": a closed-model run has no target rate; use an absolute rate such as rate>=500/s`,
        );
      }
      load.push(threshold);
    } catch (error) {
      problems.push(`--threshold: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { load, regression };
}

function unknownHost(expression: string, host: string, hosts: readonly string[]): string {
  return `threshold "${expression}": no load target has host "${host}" (hosts: ${hosts.join(', ')})`;
}
