import { describe, expect, it } from 'vitest';
import { renderJunit } from '../src/render-junit.js';
import { createRunReport } from '../src/run-report.js';
import { containsStripped, HOSTILE } from './fixtures/hostile.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';
import { makeResourceUsage } from './fixtures/resource-usage.js';
import { SHARDS, SHARDS_INVALID_REASON } from './fixtures/shards.js';

const result = makeLoadResult({ hosts: { 'foo.localhost': { requests: 100, medianMs: 5 } } });
const stage = { name: 'load', startedAt: RUN_INFO.startedAt, durationMs: 12_500, ok: true };

describe('renderJunit', () => {
  it('makes each threshold a test case, with a failure element when breached', () => {
    const xml = renderJunit(
      createRunReport({
        result,
        run: RUN_INFO,
        stages: [stage],
        thresholds: [
          { expression: 'p95 < 200', metric: 'p95', op: '<', limit: 200, actual: 12, passed: true },
          { expression: 'p99 < 1', host: 'foo.localhost', metric: 'p99', op: '<', limit: 1, actual: 20, passed: false },
        ],
      }),
    );
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="prload.prload" tests="4" failures="1" errors="0"',
      ),
    ).toBe(true);
    expect(xml).toContain('time="12.500"');
    expect(xml).toContain('<testcase name="p95 &lt; 200" classname="prload.thresholds" time="0"/>');
    expect(xml).toContain('<testcase name="p99 &lt; 1 [foo.localhost]" classname="prload.thresholds" time="0">');
    expect(xml).toContain(
      '<failure message="p99 on foo.localhost was 20.0 ms, limit &lt; 1.00 ms" type="threshold-breached">',
    );
    expect(xml).toContain('<testcase name="run is valid" classname="prload.run" time="0"/>');
  });

  it('reports an invalid run as a failed test case', () => {
    const xml = renderJunit(
      createRunReport({ result: { ...result, valid: false, invalidReason: 'send lag p99 80 ms' }, run: RUN_INFO }),
    );
    expect(xml).toContain('<failure message="send lag p99 80 ms" type="invalid-run">');
  });

  it('makes each shard a test case, failed with its reason when invalid', () => {
    const xml = renderJunit(
      createRunReport({
        result: { ...result, valid: false, invalidReason: SHARDS_INVALID_REASON, shards: SHARDS },
        run: RUN_INFO,
      }),
    );
    expect(xml).toContain('tests="5" failures="2" errors="0"');
    expect(xml).toContain('<testcase name="shard 0 [prload-worker]" classname="prload.shards" time="0"/>');
    expect(xml).toContain('<testcase name="shard 1 [prload-worker2]" classname="prload.shards" time="0"/>');
    expect(xml).toContain('<testcase name="shard 2" classname="prload.shards" time="0">');
    expect(xml).toContain(
      '<failure message="send lag p99 23.00 ms &gt; maxSendLagP99Ms 10 ms" type="invalid-shard">{&quot;index&quot;:2,',
    );
    expect(xml).toContain(`<failure message="${SHARDS_INVALID_REASON.replace('>', '&gt;')}" type="invalid-run">`);
    expect(renderJunit(createRunReport({ result, run: RUN_INFO }))).not.toContain('prload.shards');
  });

  it('escapes hostile node names and reasons in shard test cases', () => {
    const shards = HOSTILE.map((node, index) => ({ ...SHARDS[2]!, index, node, invalidReason: node }));
    const xml = renderJunit(createRunReport({ result: { ...result, shards }, run: RUN_INFO }));
    const text = xml.replace(/<\/?[a-z]+(?: [a-z]+="[^"<>]*")*\/?>/g, '').replace(/<\?xml[^>]*\?>/, '');
    expect(text).not.toMatch(/[<>]/);
    expect(containsStripped(xml)).toBe(false);
    expect(xml.match(/classname="prload\.shards"/g)).toHaveLength(HOSTILE.length);
    expect(xml).toContain('<testcase name="shard 2 [&lt;script&gt;alert(1)&lt;/script&gt;]"');
  });

  it('reports an infrastructure failure as an error with diagnostics', () => {
    const xml = renderJunit(
      createRunReport({
        run: RUN_INFO,
        failure: { stage: 'cluster', message: 'kind create failed', diagnostics: 'docker: not found' },
      }),
    );
    expect(xml).toContain('tests="1" failures="0" errors="1"');
    expect(xml).toContain(
      '<error message="stage cluster failed: kind create failed" type="infrastructure-failure">docker: not found</error>',
    );
  });

  it('escapes hostile text so the XML stays well formed', () => {
    const xml = renderJunit(
      createRunReport({
        result,
        run: RUN_INFO,
        thresholds: HOSTILE.map((expression) => ({
          expression,
          host: expression,
          metric: 'p95',
          op: '<',
          limit: 1,
          actual: 2,
          passed: false,
        })),
        failure: { stage: HOSTILE[2]!, message: `${HOSTILE.join('\u0000')}\ud800`, diagnostics: ']]><x/>' },
      }),
    );
    // Outside tags, no raw markup characters; inside attribute values, no raw quotes.
    const text = xml.replace(/<\/?[a-z]+(?: [a-z]+="[^"<>]*")*\/?>/g, '').replace(/<\?xml[^>]*\?>/, '');
    expect(text).not.toMatch(/[<>]/);
    expect(containsStripped(xml) || xml.includes('\u0000')).toBe(false);
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(xml.match(/<testcase /g)).toHaveLength(HOSTILE.length + 1);
  });
});

describe('renderJunit with resource thresholds', () => {
  it('states resource figures in their units', () => {
    const xml = renderJunit(
      createRunReport({
        result,
        run: RUN_INFO,
        resources: makeResourceUsage(),
        thresholds: [
          {
            expression: 'foo:cpu_max<500m',
            workload: 'foo',
            metric: 'cpu_max',
            op: '<',
            limit: 500,
            actual: 612.4,
            unit: 'm',
            passed: false,
          },
          {
            expression: 'memory_max<64Mi',
            metric: 'memory_max',
            op: '<',
            limit: 64,
            actual: 96,
            unit: 'MiB',
            passed: false,
          },
          {
            expression: 'restarts==0',
            metric: 'restarts',
            op: '==',
            limit: 0,
            actual: 1,
            unit: 'count',
            passed: false,
          },
        ],
      }),
    );
    expect(xml).toContain('tests="5" failures="3" errors="0"');
    expect(xml).toContain('<testcase name="foo:cpu_max&lt;500m [foo]" classname="prload.thresholds" time="0">');
    expect(xml).toContain('<failure message="cpu_max on foo was 612m, limit &lt; 500m" type="threshold-breached">');
    expect(xml).toContain('<failure message="memory_max was 96.0 MiB, limit &lt; 64.0 MiB" type="threshold-breached">');
    expect(xml).toContain('<failure message="restarts was 1, limit == 0" type="threshold-breached">');
  });
});

describe('an interrupted run', () => {
  it('is an error test case, not a silent pass', () => {
    const report = createRunReport({
      result: { ...makeLoadResult({ hosts: { 'foo.localhost': { requests: 50, medianMs: 3 } } }), aborted: true },
      run: RUN_INFO,
    });
    const xml = renderJunit(report);
    expect(xml).toContain('<testcase name="run finished" classname="prload.run"');
    expect(xml).toContain(
      '<error message="the run was stopped before it finished (SIGINT, SIGTERM or a cancel)" type="interrupted">',
    );
    expect(xml).toMatch(/errors="1"/);
  });
});
