import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evaluateThresholds, type LoadResult, runLoad } from '@prload/loadgen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareToBaseline } from '../src/compare-baseline.js';
import { renderHtml } from '../src/render-html.js';
import { renderJson } from '../src/render-json.js';
import { renderMarkdown } from '../src/render-markdown.js';
import { createRunReport } from '../src/run-report.js';
import { validateRunReport } from '../src/validate-report.js';
import { RUN_INFO } from './fixtures/load-result.js';

// The report reads what the load generator writes: one model, so a real result must pass the
// report's validation and render, with no fixture standing in between.
describe('a result written by runLoad', () => {
  const server = createServer((_request, response) => response.end('ok'));
  let result: LoadResult;

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    result = await runLoad({
      address: `http://127.0.0.1:${port}`,
      targets: [{ host: 'a.localhost' }, { host: 'b.localhost', weight: 2 }],
      rate: 100,
      durationMs: 400,
      seed: 7,
    });
  });
  afterAll(() => server.close());

  it('is accepted by validateRunReport, as written to prload-report.json', () => {
    const report = createRunReport({
      result,
      run: RUN_INFO,
      thresholds: evaluateThresholds(result, ['p99<10s', 'a.localhost:error_rate<1%']),
    });
    const json: unknown = JSON.parse(renderJson(report));
    expect(validateRunReport(json, 'prload-report.json')).toEqual(json);
    expect(result.summary.requests).toBeGreaterThan(0);
  });

  it('renders as markdown and HTML, and compares with itself through its histograms', () => {
    const report = validateRunReport(JSON.parse(renderJson(createRunReport({ result, run: RUN_INFO }))));
    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/^\| a\.localhost \| \d+ \|/m);
    expect(markdown).toMatch(/^\| b\.localhost \| \d+ \|/m);
    expect(markdown).toContain(`| Seed | 7 |`);
    const html = renderHtml(report);
    expect(html).toContain('a.localhost');
    const comparison = compareToBaseline(report, report, { iterations: 50 });
    expect(comparison.hosts.map((h) => h.host)).toEqual(['a.localhost', 'b.localhost']);
    const p95 = comparison.summary!.metrics.find((m) => m.metric === 'p95');
    expect(p95?.ci).toBeDefined();
  });
});
