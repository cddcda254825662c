import { describe, expect, it } from 'vitest';
import { resourceChartData, resourcesHtml } from '../src/resources-html.js';
import { HOSTILE } from './fixtures/hostile.js';
import { makeResourceUsage } from './fixtures/resource-usage.js';

const resources = makeResourceUsage();

describe('resourceChartData', () => {
  it('gives CPU and memory per workload over the load stage: all pods, then each pod', () => {
    const data = resourceChartData(resources);
    expect(data.map((w) => w.name)).toEqual(['foo', 'bar', 'ingress']);
    expect(data[0]!.cpu.map((s) => s.name)).toEqual(['all pods', 'foo-7d9c5b-abcde', 'foo-7d9c5b-fghij']);
    const cpu = data[0]!.cpu[0]!.points;
    expect(cpu).toHaveLength(20);
    expect(cpu.every(([second]) => second >= 0)).toBe(true);
    expect(cpu[0]).toEqual([1, Math.round(resources.workloads[0]!.series[3]!.cpuMillicores * 100) / 100]);
    expect(data[2]!.memory[1]!.points.at(-1)![1]).toBe(resources.workloads[2]!.pods[0]!.series.at(-1)!.memoryMiB);
  });

  it('is empty when usage is unavailable or absent', () => {
    expect(resourceChartData({ ...resources, workloads: [], unavailable: 'forbidden' })).toEqual([]);
    expect(resourceChartData(undefined)).toEqual([]);
  });
});

describe('resourcesHtml', () => {
  it('gives chart ids by index and escapes names', () => {
    const html = resourcesHtml(makeResourceUsage({ names: { foo: HOSTILE[2]! } }));
    expect(html).toContain('<figure id="chart-cpu-0" class="figure"><figcaption>CPU over time: &lt;script&gt;');
    expect(html).toContain('id="chart-memory-2"');
    expect(html).not.toContain('<script>');
  });

  it('says why usage is unavailable', () => {
    const html = resourcesHtml({ ...resources, workloads: [], warnings: [], unavailable: 'metrics <api> missing' });
    expect(html).toContain('<p class="bad">Resource usage unavailable: metrics &lt;api&gt; missing</p>');
    expect(html).not.toContain('<figure');
    expect(html).not.toContain('<table');
  });
});
