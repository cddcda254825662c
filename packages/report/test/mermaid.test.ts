import { describe, expect, it } from 'vitest';
import { bucketTimeSeries, mermaidXyChart } from '../src/mermaid.js';

describe('bucketTimeSeries', () => {
  it('downsamples long runs, averaging rates and keeping the worst p99', () => {
    const series = Array.from({ length: 600 }, (_, second) => ({
      second,
      requests: 100,
      errors: second % 2,
      p50: 5,
      p99: second === 333 ? 900 : 20,
    }));
    const b = bucketTimeSeries(series, 60);
    expect(b.seconds).toHaveLength(60);
    expect(b.seconds.slice(0, 3)).toEqual([0, 10, 20]);
    expect(b.rate.every((r) => r === 100)).toBe(true);
    expect(b.errorRate[0]).toBe(0.5);
    expect(Math.max(...b.p99)).toBe(900);
  });
});

describe('mermaidXyChart', () => {
  it('emits an xychart-beta block with sanitized labels and finite numbers', () => {
    const chart = mermaidXyChart({
      title: 'Latency "]\n```\nevil',
      xLabel: 'second',
      x: [0, 1, 2],
      yLabel: 'ms',
      bars: [[1, 2, Number.NaN]],
      lines: [[0.123456, 5, 9.99]],
    });
    expect(chart).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Latency __ ___ evil"',
        '  x-axis "second" [0, 1, 2]',
        '  y-axis "ms" 0 --> 10',
        '  bar [1, 2, 0]',
        '  line [0.12, 5, 9.99]',
        '```',
      ].join('\n'),
    );
  });
});
