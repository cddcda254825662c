import type { ThresholdResult } from '@prload/loadgen';
import type { ResourceUsage } from '@prload/resources';
import { describe, expect, it } from 'vitest';
import { fitMarkdown } from '../src/fit-markdown.js';
import { renderMarkdown } from '../src/render-markdown.js';
import { resourcesSection } from '../src/resources-section.js';
import { createRunReport } from '../src/run-report.js';
import { containsStripped, HOSTILE } from './fixtures/hostile.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';
import { makeResourceUsage } from './fixtures/resource-usage.js';

const resources = makeResourceUsage();
const result = makeLoadResult({ durationS: 20, hosts: { 'foo.localhost': { requests: 200, medianMs: 4 } } });

/** The table row of a workload or pod, as cells. */
function row(md: string, name: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| ${name} |`));
  if (!line) throw new Error(`no row for ${name} in\n${md}`);
  return line
    .split(' | ')
    .map((c) => c.replace(/^\| | \|$/g, ''))
    .slice(1);
}

describe('resourcesSection', () => {
  it('shows one row per workload: apps in the given order, then the ingress controller', () => {
    // The contract orders them; a report written otherwise still lists apps first.
    const shuffled = { ...resources, workloads: [resources.workloads[2]!, ...resources.workloads.slice(0, 2)] };
    const md = resourcesSection(shuffled);
    const names = md
      .split('\n')
      .filter((l) => /^\| (foo|bar|ingress) \| \d/.test(l))
      .map((l) => l.split(' | ')[0]);
    expect(names).toEqual(['| foo', '| bar', '| ingress']);
    expect(md.startsWith('#### Resource usage\n\n<sub>Source kubelet, sampled every 1 s')).toBe(true);
  });

  it('formats CPU in millicores, memory in MiB, shares in percent, absent values as –', () => {
    const md = resourcesSection(resources);
    const foo = resources.workloads[0]!;
    // Pods, CPU mean, p95, max, of request · limit, memory max, of limit, restarts, OOM kills, requests per CPU-second.
    expect(row(md, 'foo')).toEqual([
      '2',
      `${Math.round(foo.summary.cpuMeanMillicores)}m`,
      `${Math.round(foo.summary.cpuP95Millicores)}m`,
      `${Math.round(foo.summary.cpuMaxMillicores)}m`,
      `${Math.round(foo.summary.cpuMaxOfRequest! * 100)}% · ${Math.round(foo.summary.cpuMaxOfLimit! * 100)}%`,
      `${foo.summary.memoryMaxMiB.toFixed(1)} MiB`,
      `${Math.round(foo.summary.memoryMaxOfLimit! * 100)}%`,
      '0',
      '0',
      Math.round(foo.requestsPerCpuSecond!).toString(),
    ]);
    // The ingress controller has no limits in the fixture.
    expect(row(md, 'ingress')[4]).toMatch(/^\d+% · –$/);
    expect(row(md, 'ingress')[6]).toBe('–');
    expect(row(md, 'bar')[7]).toBe('1');
  });

  it('shows CPU of a cores-sized workload in cores', () => {
    const md = resourcesSection(makeResourceUsage({ cpuScale: 2 }));
    expect(row(md, 'bar')[3]).toMatch(/^\d\.\d\d cores$/);
  });

  it('lists the pods of each workload with their node in a details block', () => {
    const md = resourcesSection(resources);
    expect(md).toContain('<details><summary>Pods of foo (2)</summary>');
    expect(md).toContain('<details><summary>Pods of ingress (1)</summary>');
    expect(row(md, 'foo-7d9c5b-abcde')[0]).toBe('prload-worker');
    expect(row(md, 'foo-7d9c5b-fghij')[0]).toBe('prload-worker2');
    expect(row(md, 'bar-5f6b8c-klmno')[7]).toBe('1');
  });

  it('prints each warning and the load generator line', () => {
    const md = resourcesSection(resources);
    expect(md).toContain('- ⚠️ bar: pod bar-5f6b8c-klmno restarted 1 time during the load');
    expect(md).toContain('Load generator: CPU mean 310m, max 620m, memory max 95.3 MiB, event loop busy 42% (max 71%)');
    expect(md).not.toContain('⚠️ Load generator');
  });

  it('flags a generator whose event loop was busy 90 % or more', () => {
    const busy = { ...resources, generator: { ...resources.generator!, eventLoopUtilizationMax: 0.93 } };
    expect(resourcesSection(busy)).toContain(
      '⚠️ Load generator: CPU mean 310m, max 620m, memory max 95.3 MiB, event loop busy 42% (max 93%): the generator may have been the bottleneck',
    );
  });

  it('draws one Mermaid CPU chart per workload from the load stage only', () => {
    const md = resourcesSection(resources);
    const charts = md.split('```mermaid').slice(1);
    expect(charts).toHaveLength(3);
    expect(charts.map((c) => c.match(/title "(.*)"/)![1])).toEqual([
      'CPU over time, foo (millicores, all pods)',
      'CPU over time, bar (millicores, all pods)',
      'CPU over time, ingress (millicores, all pods)',
    ]);
    const x = charts[0]!
      .match(/x-axis "second" \[(.*)\]/)![1]!
      .split(', ')
      .map(Number);
    expect(x).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const line = charts[0]!
      .match(/ {2}line \[(.*)\]/)![1]!
      .split(', ')
      .map(Number);
    expect(line[0]).toBeCloseTo(resources.workloads[0]!.series[3]!.cpuMillicores, 1);
    expect(md).toContain('<details><summary>CPU over time per workload</summary>');
  });

  it('says why usage is unavailable and shows nothing else from workloads', () => {
    const unavailable: ResourceUsage = {
      ...resources,
      workloads: [],
      warnings: [],
      unavailable: 'nodes/proxy is forbidden <and> metrics.k8s.io is not served',
    };
    expect(resourcesSection(unavailable)).toBe(
      [
        '#### Resource usage',
        'Resource usage unavailable: nodes/proxy is forbidden &lt;and&gt; metrics.k8s.io is not served',
        'Load generator: CPU mean 310m, max 620m, memory max 95.3 MiB, event loop busy 42% (max 71%)',
      ].join('\n\n'),
    );
    // Workloads left in an unavailable report (a writer's slip) are not shown either.
    const stale = resourcesSection({ ...unavailable, workloads: resources.workloads });
    expect(stale).not.toContain('| foo |');
    expect(stale).not.toContain('mermaid');
  });

  it('renders the local provider: processes without node, requests or limits', () => {
    const md = resourcesSection(makeResourceUsage({ local: true }));
    expect(md).toContain(
      '<sub>Source process, sampled every 1 s over the load stage; CPU in millicores (1000m = 1 core), memory resident set in MiB.</sub>',
    );
    expect(row(md, 'foo')[4]).toBe('–');
    expect(row(md, 'foo')[6]).toBe('–');
    expect(row(md, 'foo-7d9c5b-abcde')[0]).toBe('–');
  });

  it('escapes hostile workload, pod and warning text', () => {
    const hostile = makeResourceUsage({
      names: { foo: HOSTILE[4]!, bar: HOSTILE[2]!, ingress: HOSTILE[9]!, pod: HOSTILE[8]! },
    });
    const md = resourcesSection({ ...hostile, warnings: HOSTILE });
    expect(md).not.toMatch(/<script|<img|<!-- hidden|\[link\]|@octocat|#1 /);
    expect(md).not.toMatch(/^## heading/m);
    expect(containsStripped(md)).toBe(false);
    expect(md.match(/<details/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    expect(md.match(/```/g)!.length % 2).toBe(0);
    expect(md).toContain('<details><summary>Pods of &lt;/details&gt;&lt;details open&gt; (2)</summary>');
    // Every table row keeps its 11 or 10 columns.
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      expect([11, 10]).toContain(line.split(' | ').length);
    }
  });

  it('is empty without resources', () => {
    expect(resourcesSection(undefined)).toBe('');
  });
});

describe('renderMarkdown with resource usage', () => {
  const thresholds: ThresholdResult[] = [
    {
      expression: 'foo:cpu_max<500m',
      workload: 'foo',
      metric: 'cpu_max',
      op: '<',
      limit: 500,
      actual: 612,
      unit: 'm',
      passed: false,
    },
    { expression: 'restarts==0', metric: 'restarts', op: '==', limit: 0, actual: 1, unit: 'count', passed: false },
  ];
  const report = createRunReport({ result, run: RUN_INFO, resources, thresholds });

  it('places the section after the results and thresholds, before the charts', () => {
    const md = renderMarkdown(report);
    const at = (text: string) => md.indexOf(text);
    expect(at('#### Results')).toBeLessThan(at('#### Thresholds'));
    expect(at('#### Thresholds')).toBeLessThan(at('#### Resource usage'));
    expect(at('#### Resource usage')).toBeLessThan(at('<summary>Latency and rate over time</summary>'));
    expect(md).toContain('| ❌ | foo:cpu&#95;max&lt;500m | foo | 612m | &lt; 500m |');
    expect(md).toContain('| ❌ | restarts==0 | all workloads | 1 | == 0 |');
  });

  it('trims the pod tables and CPU charts first to fit, keeping the workload table', () => {
    const full = renderMarkdown(report);
    const md = fitMarkdown(full, 3000);
    expect(full.length).toBeGreaterThan(5000);
    expect(md.length).toBeLessThanOrEqual(3000);
    expect(md).toContain('<sub>✂️ CPU over time per workload: left out to fit the size limit.</sub>');
    expect(md).toContain('| foo | 2 |');
    expect(md).toContain('Load generator: CPU mean 310m');
    expect(md).toContain('<sub>✂️ Pods of foo (2): left out to fit the size limit.</sub>');
    expect(md).not.toContain('| foo-7d9c5b-abcde |');
  });

  it('adds nothing to a report without resources', () => {
    const md = renderMarkdown(createRunReport({ result, run: RUN_INFO }));
    expect(md).not.toMatch(/Resource usage|Load generator|millicores/);
  });
});
