import { describe, expect, it } from 'vitest';
import { renderJson } from '../src/render-json.js';
import { createRunReport } from '../src/run-report.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';

describe('renderJson', () => {
  it('puts schemaVersion first, sorts keys and is byte-stable', () => {
    const result = makeLoadResult({
      hosts: { 'b.localhost': { requests: 10, medianMs: 2 }, 'a.localhost': { requests: 10, medianMs: 2 } },
    });
    const report = createRunReport({ result, run: RUN_INFO });
    const reordered = Object.fromEntries(Object.entries(report).reverse()) as typeof report;
    const json = renderJson(report);
    expect(json).toBe(renderJson(reordered));
    expect(json.startsWith('{\n  "schemaVersion": 1,\n  "aborted": false,')).toBe(true);
    expect(Object.keys(JSON.parse(json).hosts)).toEqual(['a.localhost', 'b.localhost']);
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
