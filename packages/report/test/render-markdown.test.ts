import type { LoadResult, ThresholdResult } from '@prload/loadgen';
import { describe, expect, it } from 'vitest';
import { compareToBaseline } from '../src/compare-baseline.js';
import { renderMarkdown } from '../src/render-markdown.js';
import { createRunReport, type RunReport } from '../src/run-report.js';
import { containsStripped, HOSTILE } from './fixtures/hostile.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';
import { SHARDS, SHARDS_INVALID_REASON } from './fixtures/shards.js';

const result = makeLoadResult({
  durationS: 30,
  hosts: {
    'foo.localhost': { requests: 300, medianMs: 4 },
    'bar.localhost': { requests: 300, medianMs: 8, errorRate: 0.02, errorMessages: ['upstream timed out'] },
  },
});
const thresholds: ThresholdResult[] = [
  { expression: 'p95 < 500', metric: 'p95', op: '<', limit: 500, actual: 14.2, passed: true },
  {
    expression: 'errorRate < 0.01',
    host: 'bar.localhost',
    metric: 'errorRate',
    op: '<',
    limit: 0.01,
    actual: 0.02,
    passed: false,
  },
];

/** Cells of a markdown table row, split on unescaped pipes. */
function cells(line: string): string[] {
  return line.split('|').slice(1, -1);
}

/** Every table keeps its column count: no external string added or removed a cell. */
function expectTablesIntact(markdown: string): void {
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\|( --:? \|| --- \|)+$/.test(lines[i + 1] ?? '')) continue;
    const columns = cells(lines[i]!).length;
    for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j++) {
      expect(cells(lines[j]!), `row ${j}: ${lines[j]}`).toHaveLength(columns);
    }
  }
}

describe('renderMarkdown', () => {
  it('starts with the verdict and shows per-host and overall tables, thresholds, charts and settings', () => {
    const md = renderMarkdown(createRunReport({ result, run: RUN_INFO, thresholds }));
    const first = md.split('\n')[0]!;
    expect(first).toBe('### ❌ prload: thresholds breached');
    expect(md).toContain('**1 of 2** thresholds breached.');
    expect(md).toMatch(/^\| foo\.localhost \| 300 \|/m);
    expect(md).toMatch(/^\| bar\.localhost \| 300 \|/m);
    expect(md).toMatch(/^\| \*\*all hosts\*\* \| 600 \|/m);
    expect(md).toContain('| ✅ | p95 &lt; 500 | all hosts |');
    expect(md).toContain('| ❌ | errorRate &lt; 0.01 | bar.localhost |');
    expect(md.match(/```mermaid\nxychart-beta/g)).toHaveLength(2);
    const line = md.match(/^ {2}line \[(.*)\]$/m)![1]!.split(', ');
    expect(line).toHaveLength(30);
    expect(md).toContain('| Version: ingress-nginx | 1.12.0 |');
    expect(md).toContain('| Seed | 42 |');
    expect(md).toContain('| Connections | 16 × pipelining 1, max in flight 512, socket engine |');
    expect(md).toContain('upstream timed out');
    expectTablesIntact(md);
  });

  it('names no engine for results from before it was selectable', () => {
    const { engine: _engine, ...settings } = result.settings as typeof result.settings & { engine?: string };
    const md = renderMarkdown(createRunReport({ result: { ...result, settings }, run: RUN_INFO }));
    expect(md).toContain('| Connections | 16 × pipelining 1, max in flight 512 |');
  });

  it.each([
    ['passed', createRunReport({ result, run: RUN_INFO }), '### ✅ prload: passed'],
    [
      'invalid',
      createRunReport({ result: { ...result, valid: false, invalidReason: 'send lag p99 120 ms' }, run: RUN_INFO }),
      '### ⚠️ prload: invalid run',
    ],
    [
      'infrastructure failure',
      createRunReport({
        run: RUN_INFO,
        failure: { stage: 'deploy', message: 'helm timed out', diagnostics: 'pod crashloop' },
      }),
      '### 💥 prload: infrastructure failure',
    ],
  ] as [string, RunReport, string][])('verdict line for %s', (_name, report, heading) => {
    const md = renderMarkdown(report);
    expect(md.split('\n')[0]).toBe(heading);
  });

  it('shows each shard beside the merged figures, open when one made the run invalid', () => {
    const md = renderMarkdown(
      createRunReport({
        result: { ...result, valid: false, invalidReason: SHARDS_INVALID_REASON, shards: SHARDS },
        run: RUN_INFO,
        thresholds,
      }),
    );
    expect(md).toContain('<details open><summary>Shards: 2 of 3 valid</summary>');
    expect(md).toContain(
      '| Shard | Node | Requests | Errors | Send lag p99 | Send lag max | Start lag | Start notice | Valid |',
    );
    expect(md).toContain('| 0 | prload-worker | 1,001 | 0 | 0.42 ms | 1.90 ms | 0.60 ms | 3.40 ms | ✅ valid |');
    expect(md).toContain('| 1 | prload-worker2 | 1,000 | 3 | 0.51 ms | 2.40 ms | 1.20 ms | -0.80 ms | ✅ valid |');
    expect(md).toContain(
      '| 2 | — | 999 | 0 | 23.0 ms | 41.5 ms | 0.90 ms | — | ❌ send lag p99 23.00 ms &gt; maxSendLagP99Ms 10 ms |',
    );
    expect(md.indexOf('#### Results')).toBeLessThan(md.indexOf('Shards: 2 of 3'));
    expect(md.indexOf('Shards: 2 of 3')).toBeLessThan(md.indexOf('#### Thresholds'));
    expectTablesIntact(md);

    const allValid = renderMarkdown(
      createRunReport({ result: { ...result, shards: SHARDS.slice(0, 2) }, run: RUN_INFO }),
    );
    expect(allValid).toContain('<details><summary>Shards: 2 of 2 valid</summary>');
    expect(renderMarkdown(createRunReport({ result, run: RUN_INFO }))).not.toContain('Shards');
  });

  it('escapes hostile node names and reasons in the shards table', () => {
    const shards = HOSTILE.map((node, index) => ({ ...SHARDS[2]!, index, node, invalidReason: node }));
    const md = renderMarkdown(createRunReport({ result: { ...result, shards }, run: RUN_INFO }));
    const table = md.slice(md.indexOf('<summary>Shards'), md.indexOf('</details>', md.indexOf('<summary>Shards')));
    // Header, separator and one row per shard: no name added or removed a line.
    expect(table.split('\n').filter((l) => l.startsWith('| '))).toHaveLength(HOSTILE.length + 2);
    expect(table).not.toMatch(/<(script|img|details|!--)/);
    expect(table).not.toMatch(/(^|[^&])#(?!\d)|@(?!\u200b|#)/);
    expect(containsStripped(table)).toBe(false);
    expectTablesIntact(md);
  });

  it('renders an infrastructure failure without load numbers, diagnostics collapsed in <pre>', () => {
    const md = renderMarkdown(
      createRunReport({
        run: RUN_INFO,
        failure: { stage: 'deploy', message: 'helm timed out', diagnostics: 'a\n\nb <x>' },
      }),
    );
    expect(md).toContain('Stage **deploy** failed: helm timed out');
    expect(md).not.toContain('#### Results');
    expect(md).toContain('<details><summary>Diagnostics</summary>\n\n<pre>a\n\nb &lt;x&gt;</pre>\n\n</details>');
  });

  it('escapes hostile host names, messages, branch names and thresholds', () => {
    const hosts: Record<string, LoadResult['summary']> = {};
    HOSTILE.forEach((name, i) => {
      hosts[name] = {
        ...result.summary,
        errorMessages: [HOSTILE[(i + 1) % HOSTILE.length]!],
        errorKinds: { [name]: 1 },
      };
    });
    const hostile = createRunReport({
      result: { ...result, hosts, invalidReason: HOSTILE.join(' ') },
      run: {
        ...RUN_INFO,
        runId: HOSTILE[2]!,
        git: { ref: HOSTILE[4]!, sha: HOSTILE[1]! },
        versions: { [HOSTILE[3]!]: HOSTILE[0]! },
      },
      thresholds: HOSTILE.map((expression, i) => ({
        expression,
        host: HOSTILE[i],
        metric: 'p95',
        op: '<',
        limit: 1,
        actual: 2,
        passed: false,
      })),
      failure: { stage: HOSTILE[4]!, message: HOSTILE.join(' '), diagnostics: HOSTILE.join('\n') },
    });
    const md = renderMarkdown(hostile);
    const pre = md.match(/<pre>([\s\S]*)<\/pre>/)![1]!;
    expect(pre).not.toMatch(/[<>]|@octocat|#1/);
    const outside = md.replace(pre, '');
    expect(outside).not.toMatch(/<script|<img|<!-- hidden|\[link\]|!\[img\]|@octocat|#1 /);
    expect(containsStripped(md)).toBe(false);
    expect(outside).not.toMatch(/^## heading/m);
    // Only the renderer's own <details> blocks exist, all closed.
    expect(md.match(/<details/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    expect(md.match(/```/g)!.length % 2).toBe(0);
    expectTablesIntact(md);
    // A hostile string never spans lines: each host row is exactly one line.
    expect(md.split('\n').filter((l) => l.startsWith('| ') && l.includes('&#124; broken')).length).toBeGreaterThan(0);
  });

  it('shows a baseline comparison with regressions marked', () => {
    const slower = makeLoadResult({
      seed: 7,
      durationS: 30,
      hosts: {
        'foo.localhost': { requests: 300, medianMs: 8 },
        'bar.localhost': { requests: 300, medianMs: 8, errorRate: 0.02 },
      },
    });
    const comparison = compareToBaseline(slower, result, { iterations: 100, seed: 3 });
    const md = renderMarkdown(createRunReport({ result: slower, run: RUN_INFO }), { baseline: comparison });
    expect(md).toContain('#### Compared with baseline');
    expect(md).toMatch(/^\| foo\.localhost \|[^\n]*🔺/m);
    expect(md).toContain('<details><summary>All compared metrics</summary>');
    expectTablesIntact(md);
  });

  it('keeps to maxLength by trimming details first and links the full report', () => {
    const report = createRunReport({ result, run: RUN_INFO, failure: undefined, thresholds });
    const full = renderMarkdown(report);
    const md = renderMarkdown(report, { maxLength: 2500, fullReportUrl: 'https://example.test/run/1' });
    expect(full.length).toBeGreaterThan(2500);
    expect(md.length).toBeLessThanOrEqual(2500);
    expect(md.split('\n')[0]).toBe('### ❌ prload: thresholds breached');
    expect(md).toContain('#### Results');
    expect(md).toContain('left out to fit the size limit; see the [full report](https://example.test/run/1)');
    expect(md).not.toContain('```mermaid');
  });

  it('formats threshold values by their unit', () => {
    const md = renderMarkdown(
      createRunReport({
        result,
        run: RUN_INFO,
        thresholds: [
          { expression: 'errors < 1%', metric: 'errorRate', op: '<', limit: 1, actual: 0.5, unit: '%', passed: true },
          { expression: 'rate >= 90', metric: 'rate', op: '>=', limit: 90, actual: 95.5, unit: 'req/s', passed: true },
          {
            expression: 'latency.p99 < 250',
            metric: 'latency.p99',
            op: '<',
            limit: 250,
            actual: 31.25,
            unit: 'ms',
            passed: true,
          },
        ],
      }),
    );
    expect(md).toContain('| ✅ | errors &lt; 1% | all hosts | 0.50% | &lt; 1.00% |');
    expect(md).toContain('| ✅ | rate &gt;= 90 | all hosts | 95.5/s | &gt;= 90.0/s |');
    expect(md).toContain('| ✅ | latency.p99 &lt; 250 | all hosts | 31.3 ms | &lt; 250 ms |');
  });

  it('drops a full-report URL that is not http(s)', () => {
    const md = renderMarkdown(createRunReport({ result, run: RUN_INFO }), { fullReportUrl: 'javascript:alert(1)' });
    expect(md).not.toContain('javascript:');
    expect(md).not.toContain('[Full report]');
  });
});
