import { describe, expect, it } from 'vitest';
import { ReportInvalidError } from '../src/errors.js';
import { renderJson } from '../src/render-json.js';
import { createRunReport } from '../src/run-report.js';
import { validateRunReport } from '../src/validate-report.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';
import { makeResourceUsage } from './fixtures/resource-usage.js';

const report = createRunReport({
  result: makeLoadResult({ hosts: { 'foo.localhost': { requests: 50, medianMs: 3 } } }),
  run: RUN_INFO,
  resources: makeResourceUsage(),
});
const json = () => JSON.parse(renderJson(report)) as { resources: Record<string, unknown> & { workloads: never[] } };

type Breaker = (resources: Record<string, unknown> & { workloads: Record<string, unknown>[] }) => void;

function rejects(name: string, field: string, breaker: Breaker): void {
  it(`rejects ${name}, naming ${field}`, () => {
    const broken = json();
    breaker(broken.resources as Parameters<Breaker>[0]);
    const thrown = (() => {
      try {
        validateRunReport(broken, 'prload-report.json');
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ReportInvalidError);
    expect((thrown as Error).message).toContain(`prload-report.json: ${field} must be`);
  });
}

describe('validateRunReport: resources', () => {
  it('round-trips a report with resource usage', () => {
    expect(validateRunReport(json())).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('accepts unavailable usage without workloads', () => {
    const unavailable = { ...json(), resources: { ...json().resources, workloads: [], unavailable: 'forbidden' } };
    expect(validateRunReport(unavailable).resources?.unavailable).toBe('forbidden');
  });

  it('rejects resources that are not an object', () => {
    expect(() => validateRunReport({ ...json(), resources: [] })).toThrow(/resources must be an object, got \[\]/);
  });

  rejects('a missing source', 'resources.source', (r) => {
    delete r.source;
  });
  rejects('a string interval', 'resources.intervalMs', (r) => {
    r.intervalMs = '1s';
  });
  rejects('workloads that are not an array', 'resources.workloads', (r) => {
    r.workloads = {} as never;
  });
  rejects('warnings that are not an array', 'resources.warnings', (r) => {
    r.warnings = 'restart';
  });
  rejects('a workload without a name', 'resources.workloads[0].name', (r) => {
    delete r.workloads[0]!.name;
  });
  rejects('a workload with a numeric role', 'resources.workloads[2].role', (r) => {
    r.workloads[2]!.role = 1;
  });
  rejects('a missing summary', 'resources.workloads[1].summary', (r) => {
    r.workloads[1]!.summary = null;
  });
  rejects('pods that are not an array', 'resources.workloads[0].pods', (r) => {
    r.workloads[0]!.pods = 'foo-1';
  });
  rejects('a series that is not an array', 'resources.workloads[1].series', (r) => {
    delete r.workloads[1]!.series;
  });
  rejects('a pod without a summary', 'resources.workloads[1].pods[1].summary', (r) => {
    delete (r.workloads[1]!.pods as Record<string, unknown>[])[1]!.summary;
  });
  rejects('a workload that is not an object', 'resources.workloads[0]', (r) => {
    r.workloads[0] = 'foo' as never;
  });
  rejects('a generator without a series', 'resources.generator.series', (r) => {
    r.generator = { cpuMeanMillicores: 1 };
  });
  rejects('a numeric unavailable reason', 'resources.unavailable', (r) => {
    r.unavailable = 403;
  });
});
