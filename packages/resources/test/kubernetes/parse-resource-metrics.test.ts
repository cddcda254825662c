import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetricsParseError } from '../../src/errors.js';
import { parseResourceMetrics } from '../../src/kubernetes/parse-resource-metrics.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('parseResourceMetrics', () => {
  it("reads kwok's simulated /metrics/resource (no timestamps) per container", () => {
    const containers = parseResourceMetrics(fixture('kwok-metrics-resource.txt'));
    expect(containers).toEqual([
      {
        namespace: 'default',
        pod: 'burner',
        container: 'app',
        cpuSeconds: 1.03509931975,
        memoryWorkingSetBytes: 50331648,
      },
    ]);
  });

  it("reads a real kubelet's /metrics/resource (recorded in the kind e2e) with the kubelet's own timestamps", () => {
    const containers = parseResourceMetrics(fixture('kubelet-metrics-resource.txt'));
    const apps = containers.filter((c) => c.namespace === 'prload');
    expect(apps.map((c) => `${c.pod.split('-')[0]}/${c.container}`).sort()).toEqual(['bar/http-echo', 'foo/http-echo']);
    for (const c of containers) {
      expect(c.cpuSeconds, c.pod).toBeGreaterThan(0);
      expect(c.memoryWorkingSetBytes, c.pod).toBeGreaterThan(0);
      // Milliseconds since the epoch, in December 2026 when it was recorded.
      expect(c.cpuTimestampMs, c.pod).toBeGreaterThan(Date.UTC(2026, 11, 1));
      expect(c.cpuTimestampMs, c.pod).toBeLessThan(Date.UTC(2027, 0, 1));
    }
    expect(containers.map((c) => c.namespace).filter((n) => n === 'kube-system').length).toBeGreaterThan(0);
  });

  it('keeps the timestamps a kubelet stamps its samples with', () => {
    const text = [
      '# TYPE container_cpu_usage_seconds_total counter',
      'container_cpu_usage_seconds_total{container="app",namespace="prload",pod="foo-1"} 12.5 1764650000123',
      '# TYPE container_memory_working_set_bytes gauge',
      'container_memory_working_set_bytes{container="app",namespace="prload",pod="foo-1"} 4.2e+06 1764650000456',
    ].join('\n');
    expect(parseResourceMetrics(text)).toEqual([
      {
        namespace: 'prload',
        pod: 'foo-1',
        container: 'app',
        cpuSeconds: 12.5,
        cpuTimestampMs: 1764650000123,
        memoryWorkingSetBytes: 4.2e6,
        memoryTimestampMs: 1764650000456,
      },
    ]);
  });

  it('ignores node and pod level series and samples without a pod', () => {
    const text = [
      'node_cpu_usage_seconds_total 3 1764650000000',
      'pod_cpu_usage_seconds_total{namespace="a",pod="b"} 1',
      'container_cpu_usage_seconds_total{namespace="a",container="c"} 1',
    ].join('\n');
    expect(parseResourceMetrics(text)).toEqual([]);
  });

  it('fails with MetricsParseError naming the source for text that is not the exposition format', () => {
    const parse = () => parseResourceMetrics('# TYPE broken\n', 'node n1 /metrics/resource');
    expect(parse).toThrow(MetricsParseError);
    expect(parse).toThrow(/^node n1 \/metrics\/resource: not Prometheus text format/);
  });
});
