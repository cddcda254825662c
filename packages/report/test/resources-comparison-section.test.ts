import { describe, expect, it } from 'vitest';
import { compareToBaseline } from '../src/compare-baseline.js';
import { evaluateRegressionThresholds } from '../src/regression-threshold.js';
import { renderMarkdown } from '../src/render-markdown.js';
import { resourceComparisonDetailRows, resourceComparisonSection } from '../src/resources-comparison-section.js';
import { createRunReport } from '../src/run-report.js';
import { HOSTILE } from './fixtures/hostile.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';
import { makeResourceUsage } from './fixtures/resource-usage.js';

const result = makeLoadResult({ durationS: 20, hosts: { 'foo.localhost': { requests: 200, medianMs: 4 } } });
const baseline = createRunReport({ result, run: { ...RUN_INFO, runId: 'main-1' }, resources: makeResourceUsage() });
const slower = { result, run: RUN_INFO, resources: makeResourceUsage({ cpuScale: 1.3 }) };
const comparison = compareToBaseline(createRunReport(slower), baseline, { iterations: 0 });

describe('resourceComparisonSection', () => {
  it('marks more CPU per request like a latency regression and says there is no interval', () => {
    const md = resourceComparisonSection(comparison.resources!, comparison.tolerance);
    const foo = comparison.resources!.workloads[0]!.metrics[0]!;
    expect(md).toContain(
      `| foo | ${foo.baseline.toFixed(0)} → ${foo.current.toFixed(0)} ms | +${foo.changePct.toFixed(1)}% 🔺 | 80.0 → 80.0 MiB | 0% |`,
    );
    expect(md).toMatch(/^\| ingress \| \d+ → \d+ ms \| \+\d+\.\d% 🔺 \|/m);
    expect(md).toContain('One figure per run, so no confidence interval (n/a): beyond ±5% is called.');
  });

  it('lists workloads on one side only, escaped', () => {
    const current = makeResourceUsage({ names: { bar: HOSTILE[2]! } });
    const c = compareToBaseline(createRunReport({ ...slower, resources: current }), baseline, { iterations: 0 });
    const md = resourceComparisonSection(c.resources!, 5);
    expect(md).toContain('Workloads in the baseline but not in this run: bar');
    expect(md).toContain('New workloads (no baseline): &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('gives detail rows with n/a for the interval', () => {
    const rows = resourceComparisonDetailRows(comparison.resources!);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual([
      'foo (workload)',
      'CPU per 1k requests',
      expect.stringMatching(/^\d+ ms$/),
      expect.stringMatching(/^\d+ ms$/),
      expect.stringMatching(/^\+\d+\.\d%$/),
      'n/a',
      'regression',
    ]);
    expect(rows[1]).toEqual(['foo (workload)', 'memory max', '80.0 MiB', '80.0 MiB', '0%', 'n/a', 'within tolerance']);
  });
});

describe('renderMarkdown baseline section with resources', () => {
  it('shows the workloads, the regression thresholds on them and the detail rows', () => {
    const thresholds = evaluateRegressionThresholds(comparison, ['foo:cpu_per_request regression > 10%']);
    const md = renderMarkdown(createRunReport({ ...slower, regressions: { comparison, thresholds } }));
    const section = md.slice(md.indexOf('#### Compared with baseline (run main-1)'), md.indexOf('#### Resource usage'));
    expect(section).toMatch(/\| Workload \| CPU per 1k requests \| Change \| Memory max \| Change \|/);
    expect(section).toMatch(
      /\| ❌ \| foo:cpu&#95;per&#95;request regression &gt; 10% \| foo \| \+\d+\.\d% \| &gt; 10% \|/,
    );
    expect(section).toMatch(
      /\| foo \(workload\) \| CPU per 1k requests \| \d+ ms \| \d+ ms \| \+\d+\.\d% \| n\/a \| regression \|/,
    );
  });

  it('shows no resource rows when the baseline has no resources', () => {
    const old = createRunReport({ result, run: RUN_INFO });
    const c = compareToBaseline(createRunReport(slower), old, { iterations: 0 });
    const md = renderMarkdown(createRunReport(slower), { baseline: c });
    expect(md).toContain('#### Compared with baseline');
    expect(md).not.toMatch(/CPU per 1k requests|\(workload\)/);
  });
});
