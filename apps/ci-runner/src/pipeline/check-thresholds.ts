import { parseThreshold, type Threshold } from '@prload/loadgen';
import { parseRegressionThreshold } from '@prload/report';
import { isResourceThreshold, parseResourceThreshold, type ResourceThreshold } from '@prload/resources';
import { ConfigError } from '../errors.js';

export interface CheckedThresholds {
  /** Gates on the run itself (`p95<200ms`), evaluated by the load generator. */
  readonly load: Threshold[];
  /** Gates on the change against a baseline (`p95 regression > 10%`), evaluated by the report. */
  readonly regression: string[];
  /** Gates on resource usage (`foo:cpu_max<500m`, `restarts==0`), evaluated on the sampled usage. */
  readonly resource: ResourceThreshold[];
}

/**
 * Parses every threshold before anything is created, so a typo costs a second,
 * not a cluster: one line per bad expression, naming it. One list in the config
 * holds both kinds.
 */
export function checkThresholds(
  expressions: readonly string[],
  run: {
    readonly hosts: readonly string[];
    readonly model: 'open' | 'closed';
    /** Apps and `ingress`: what a resource threshold may name before its ':'. */
    readonly workloads?: readonly string[];
    /** Why no resource usage will be sampled (`--no-resources`, `prload load`): resource thresholds are then refused. */
    readonly noResources?: string;
  },
): CheckedThresholds {
  const problems: string[] = [];
  const load: Threshold[] = [];
  const regression: string[] = [];
  const resource: ResourceThreshold[] = [];
  for (const expression of expressions) {
    try {
      if (/\bregression\b/.test(expression)) {
        const parsed = parseRegressionThreshold(expression);
        if (parsed.host !== undefined && !run.hosts.includes(parsed.host))
          throw new Error(unknownHost(expression, parsed.host, run.hosts));
        regression.push(expression);
        continue;
      }
      if (isResourceThreshold(expression)) {
        const parsed = parseResourceThreshold(expression);
        if (run.noResources !== undefined) throw new Error(`threshold "${expression}": ${run.noResources}`);
        if (parsed.workload !== undefined && run.workloads && !run.workloads.includes(parsed.workload))
          throw new Error(
            `threshold "${expression}": no app or ingress is named "${parsed.workload}" (workloads: ${run.workloads.join(', ')})`,
          );
        resource.push(parsed);
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
  return { load, regression, resource };
}

function unknownHost(expression: string, host: string, hosts: readonly string[]): string {
  return `threshold "${expression}": no load target has host "${host}" (hosts: ${hosts.join(', ')})`;
}
