import { describe, expect, it } from 'vitest';
import { createRunReport } from '../src/run-report.js';
import { formatSummaryTable } from '../src/summary-table.js';
import { containsStripped } from './fixtures/hostile.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';

describe('formatSummaryTable', () => {
  it('prints the verdict and an aligned per-host table', () => {
    const result = makeLoadResult({
      durationS: 10,
      hosts: {
        'foo.localhost': { requests: 1000, medianMs: 4 },
        'bar.localhost': { requests: 500, medianMs: 9, errorRate: 0.01 },
      },
    });
    const text = formatSummaryTable(
      createRunReport({
        result,
        run: RUN_INFO,
        thresholds: [{ expression: 'p95 < 1', metric: 'p95', op: '<', limit: 1, actual: 9, passed: false }],
      }),
    );
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('prload: THRESHOLDS BREACHED (1 of 1 thresholds breached)');
    expect(lines[1]).toMatch(/^host\s+requests\s+rate\s+p50\s+p95\s+p99\s+errors$/);
    expect(lines[2]).toMatch(/^bar\.localhost\s+500\s+50\.0\/s\s+[\d.]+ ms\s+[\d.]+ ms\s+[\d.]+ ms\s+5 \(1\.00%\)$/);
    expect(lines[3]).toMatch(/^foo\.localhost\s+1,000\s+100\/s/);
    expect(lines[4]).toMatch(/^all hosts\s+1,500\s+150\/s/);
    expect(new Set(lines.slice(1).map((l) => l.length)).size).toBe(1);
  });

  it('strips terminal escapes from host names and prints failures', () => {
    const result = makeLoadResult({ hosts: { '\u001b[2Jevil\u0007.localhost': { requests: 10, medianMs: 1 } } });
    expect(containsStripped(formatSummaryTable(createRunReport({ result, run: RUN_INFO })))).toBe(false);
    const failed = formatSummaryTable(
      createRunReport({ run: RUN_INFO, failure: { stage: 'deploy', message: 'helm: timed out' } }),
    );
    expect(failed).toBe('prload: INFRASTRUCTURE FAILURE\n  deploy: helm: timed out\n');
  });
});
