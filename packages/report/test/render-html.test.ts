/// <reference lib="dom" />
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareToBaseline } from '../src/compare-baseline.js';
import { renderHtml } from '../src/render-html.js';
import { renderJunit } from '../src/render-junit.js';
import { createRunReport } from '../src/run-report.js';
import { launchChromium } from './fixtures/chromium.js';
import { HOSTILE, withoutStripped } from './fixtures/hostile.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';
import { makeResourceUsage } from './fixtures/resource-usage.js';
import { SHARDS, SHARDS_INVALID_REASON } from './fixtures/shards.js';

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

const result = makeLoadResult({
  durationS: 60,
  hosts: {
    'foo.localhost': { requests: 1500, medianMs: 4 },
    'bar.localhost': { requests: 1500, medianMs: 9, errorRate: 0.01, errorMessages: ['socket hang up'] },
  },
});
const baseline = makeLoadResult({
  seed: 11,
  durationS: 60,
  hosts: { 'foo.localhost': { requests: 1500, medianMs: 4 }, 'bar.localhost': { requests: 1500, medianMs: 7 } },
});

let browser: Browser | undefined;
let launchError: unknown;
beforeAll(async () => {
  try {
    browser = await launchChromium();
  } catch (error) {
    launchError = error;
  }
}, 60_000);

/** Each test fails (not skips) with the install hint when Chromium is missing. */
function needBrowser(): Browser {
  if (!browser) throw launchError;
  return browser;
}
afterAll(async () => {
  await browser?.close();
});

interface Opened {
  readonly page: Page;
  readonly problems: string[];
  readonly requests: string[];
}

async function open(html: string): Promise<Opened> {
  const dir = await mkdtemp(join(tmpdir(), 'prload-html-'));
  const file = join(dir, 'prload-report.html');
  await writeFile(file, html);
  const page = await needBrowser().newPage({ viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-charts="ready"]', { timeout: 10_000 });
  return { page, problems, requests };
}

describe('renderHtml in Chromium', () => {
  it('loads offline without errors and draws interactive charts', async () => {
    const comparison = compareToBaseline(result, baseline, { iterations: 50 });
    const report = createRunReport({
      result,
      run: RUN_INFO,
      thresholds: [{ expression: 'p95 < 50', metric: 'p95', op: '<', limit: 50, actual: 20, passed: true }],
      regressions: { comparison, thresholds: [] },
    });
    const { page, problems, requests } = await open(renderHtml(report));
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);

    const charts = await page.$$eval('figure', (figures) =>
      figures.map((f) => ({
        id: f.id,
        series: Array.from(f.querySelectorAll('path.series')).map((p) => ({
          name: p.getAttribute('data-series'),
          points: Number(p.getAttribute('data-points')),
          segments: (p.getAttribute('d') ?? '').split('L').length,
        })),
      })),
    );
    expect(charts.map((c) => c.id)).toEqual(['chart-latency', 'chart-rate', 'chart-distribution']);
    expect(charts[0]!.series.map((s) => s.name)).toEqual(['p50', 'p99']);
    expect(charts[0]!.series[0]).toMatchObject({ points: 60, segments: 60 });
    expect(charts[1]!.series.map((s) => s.name)).toEqual(['achieved', 'target', 'errors']);
    expect(charts[2]!.series.map((s) => s.name)).toEqual(['all hosts', 'bar.localhost', 'foo.localhost']);
    expect(charts[2]!.series.every((s) => s.points > 20)).toBe(true);

    // Every series lies inside its plot frame, and the browser paints it: hit-testing a point
    // on each line returns that line.
    const geometry = await page.$$eval('svg.chart', (svgs) =>
      svgs.flatMap((svg) => {
        svg.scrollIntoView({ block: 'center' });
        const frame = (svg.querySelector('rect.frame') as SVGGraphicsElement).getBBox();
        return Array.from(svg.querySelectorAll('path.series')).map((node) => {
          const path = node as SVGPathElement;
          const box = path.getBBox();
          const point = path.getPointAtLength(path.getTotalLength() * 0.37).matrixTransform(path.getScreenCTM()!);
          const hit = document.elementFromPoint(point.x, point.y);
          return {
            series: path.getAttribute('data-series'),
            inside:
              box.x >= frame.x - 1 &&
              box.y >= frame.y - 1 &&
              box.x + box.width <= frame.x + frame.width + 1 &&
              box.y + box.height <= frame.y + frame.height + 1,
            painted: hit === path,
          };
        });
      }),
    );
    expect(geometry.length).toBe(8);
    for (const g of geometry) expect(g, String(g.series)).toMatchObject({ inside: true, painted: true });
    const box = (await page.locator('#chart-latency svg').boundingBox())!;
    expect(box.width).toBeGreaterThan(600);

    // Hover shows a tooltip with the nearest values.
    await page.locator('#chart-latency svg').hover({ position: { x: box.width / 2, y: box.height / 2 } });
    const tooltip = page.locator('#chart-latency .tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toMatch(/second \d+.*p50: [\d.]+ ms.*p99: [\d.]+ ms/);
    await page.locator('#chart-latency svg').hover({ position: { x: box.width * 0.2, y: 40 } });
    await page.mouse.move(1, 1);

    // Clicking a legend entry hides the series and rescales.
    await page.locator('#chart-rate button[data-series="achieved"]').click();
    expect(
      await page.locator('#chart-rate path.series').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-series'))),
    ).toEqual(['target', 'errors']);
    expect(await page.locator('#chart-rate button[data-series="achieved"]').getAttribute('aria-pressed')).toBe('false');
    await page.locator('#chart-rate button[data-series="achieved"]').click();

    expect(await page.locator('h1').textContent()).toBe('✅ prload: passed');
    expect(await page.locator('table').first().locator('tbody tr').count()).toBe(3);

    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'html-report.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps hostile strings as text: no script runs, no element injected', async () => {
    const hosts = Object.fromEntries(HOSTILE.map((h) => [h, { ...result.summary, errorMessages: HOSTILE }]));
    const report = createRunReport({
      result: {
        ...result,
        hosts,
        histograms: {
          ...result.histograms!,
          perHost: { [HOSTILE[2]!]: result.histograms!.perHost!['foo.localhost']! },
        },
      },
      run: { ...RUN_INFO, runId: HOSTILE[3]!, versions: { [HOSTILE[2]!]: '</script><script>alert(2)</script>' } },
      thresholds: HOSTILE.map((expression) => ({
        expression,
        metric: 'p95',
        op: '<',
        limit: 1,
        actual: 2,
        passed: false,
      })),
      failure: { stage: HOSTILE[4]!, message: HOSTILE.join(' '), diagnostics: HOSTILE.join('\n') },
    });
    const { page, problems } = await open(renderHtml(report));
    expect(problems).toEqual([]);
    expect(await page.locator('img, iframe, body script:not([id]):not(:last-of-type)').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('#chart-distribution button').allTextContents()).toContain('<script>alert(1)</script>');
    expect(await page.locator('pre').textContent()).toBe(withoutStripped(HOSTILE.join('\n').replace(/\r\n/g, '\n')));
    await page.close();
  }, 60_000);

  it('shows each shard of a distributed run, hostile node names as text', async () => {
    const shards = [
      ...SHARDS,
      { ...SHARDS[0]!, index: 3, node: HOSTILE[2]! },
      { ...SHARDS[0]!, index: 4, node: HOSTILE[3]! },
    ];
    const report = createRunReport({
      result: { ...result, valid: false, invalidReason: SHARDS_INVALID_REASON, shards },
      run: RUN_INFO,
    });
    const { page, problems } = await open(renderHtml(report));
    expect(problems).toEqual([]);
    const section = page.locator('section#shards');
    expect(await section.locator('h2').textContent()).toBe('Shards: 4 of 5 valid');
    expect(await section.locator('thead th').allTextContents()).toEqual([
      'Shard',
      'Node',
      'Requests',
      'Errors',
      'Send lag p99',
      'Send lag max',
      'Start lag',
      'Start notice',
      'Valid',
    ]);
    const rows = await section
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    expect(rows.slice(0, 3)).toEqual([
      ['0', 'prload-worker', '1,001', '0', '0.42 ms', '1.90 ms', '0.60 ms', '3.40 ms', '✅ valid'],
      ['1', 'prload-worker2', '1,000', '3', '0.51 ms', '2.40 ms', '1.20 ms', '-0.80 ms', '✅ valid'],
      [
        '2',
        '—',
        '999',
        '0',
        '23.0 ms',
        '41.5 ms',
        '0.90 ms',
        '—',
        '❌ invalid: send lag p99 23.00 ms > maxSendLagP99Ms 10 ms',
      ],
    ]);
    expect(rows.slice(3).map((r) => r[1])).toEqual([HOSTILE[2], HOSTILE[3]]);
    expect(await section.locator('span.bad').count()).toBe(1);
    expect(await page.locator('img, iframe').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    // Beside the merged figures: right after the results table.
    expect(await page.locator('section').nth(1).getAttribute('id')).toBe('shards');
    await page.close();
  }, 60_000);

  it('renders an infrastructure failure page without charts', async () => {
    const report = createRunReport({ run: RUN_INFO, failure: { stage: 'cluster', message: 'kind create failed' } });
    const { page, problems } = await open(renderHtml(report));
    expect(problems).toEqual([]);
    expect(await page.locator('h1').textContent()).toBe('💥 prload: infrastructure failure');
    expect(await page.locator('svg').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('JUnit output with hostile text parses as XML', async () => {
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
    const page = await needBrowser().newPage();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        names: Array.from(doc.querySelectorAll('testcase')).map((t) => t.getAttribute('name')),
        failures: doc.querySelectorAll('failure').length,
        errorBody: doc.querySelector('error')?.textContent,
      };
    }, xml);
    expect(parsed.error).toBeNull();
    expect(parsed.names).toContain('<script>alert(1)</script> [<script>alert(1)</script>]');
    expect(parsed.failures).toBe(HOSTILE.length);
    expect(parsed.errorBody).toBe(']]><x/>');
    await page.close();
  }, 60_000);
});

describe('renderHtml resource usage in Chromium', () => {
  const resources = makeResourceUsage();
  const before = createRunReport({ result: baseline, run: { ...RUN_INFO, runId: 'main-1' }, resources });
  const current = { result, run: RUN_INFO, resources: makeResourceUsage({ cpuScale: 1.3 }) };

  it('shows the workload table, pods, warnings, the generator and interactive CPU and memory charts', async () => {
    const comparison = compareToBaseline(createRunReport(current), before, { iterations: 20 });
    const report = createRunReport({
      ...current,
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
      ],
      regressions: { comparison, thresholds: [] },
    });
    const { page, problems } = await open(renderHtml(report));
    expect(problems).toEqual([]);

    const section = page.locator('section#resources');
    expect(await section.locator('h2').textContent()).toBe('Resource usage');
    const rows = await section
      .locator('table.resources tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    expect(rows.map((r) => r[0])).toEqual(['foo', 'bar', 'ingress']);
    const foo = report.resources!.workloads[0]!;
    expect(rows[0]).toEqual([
      'foo',
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
    expect(await section.locator('ul.warnings li').allTextContents()).toEqual([
      '⚠️ bar: pod bar-5f6b8c-klmno restarted 1 time during the load',
    ]);
    expect(await section.locator('p.generator').textContent()).toMatch(/^Load generator: CPU mean 310m, max 620m/);
    expect(await section.locator('details.pods summary').allTextContents()).toEqual([
      'Pods of foo (2)',
      'Pods of bar (2)',
      'Pods of ingress (1)',
    ]);
    await section.locator('details.pods summary').first().click();
    expect(await section.locator('details.pods').first().locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(
      ['prload-worker', 'prload-worker2'],
    );

    // The threshold table scopes the resource threshold to its workload and reads millicores.
    const threshold = await page
      .locator('section', { hasText: 'Thresholds' })
      .first()
      .locator('tbody tr td')
      .allTextContents();
    expect(threshold.slice(2)).toEqual(['foo', '612m', '< 500m']);

    // The baseline table carries CPU per request per workload, with no interval.
    const compared = await page
      .locator('section', { hasText: 'Compared with baseline' })
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    const cpuRow = compared.find((r) => r[0] === 'foo (workload)' && r[1] === 'CPU per 1k requests')!;
    expect(cpuRow[5]).toBe('n/a');
    expect(cpuRow[6]).toBe('🔺 regression');

    const charts = await section.locator('figure').evaluateAll((figures) =>
      figures.map((f) => ({
        id: f.id,
        series: Array.from(f.querySelectorAll('path.series')).map((p) => ({
          name: p.getAttribute('data-series'),
          points: Number(p.getAttribute('data-points')),
        })),
      })),
    );
    expect(charts.map((c) => c.id)).toEqual([
      'chart-cpu-0',
      'chart-memory-0',
      'chart-cpu-1',
      'chart-memory-1',
      'chart-cpu-2',
      'chart-memory-2',
    ]);
    expect(charts[0]!.series).toEqual([
      { name: 'all pods', points: 20 },
      { name: 'foo-7d9c5b-abcde', points: 20 },
      { name: 'foo-7d9c5b-fghij', points: 20 },
    ]);
    expect(charts[5]!.series.map((s) => s.name)).toEqual(['all pods', 'ingress-nginx-controller-6c9d7-uvwxy']);

    // Hover shows the nearest values in millicores; a legend click hides a pod.
    const svg = page.locator('#chart-cpu-0 svg');
    await svg.scrollIntoViewIfNeeded();
    const box = (await svg.boundingBox())!;
    await svg.hover({ position: { x: box.width / 2, y: box.height / 2 } });
    const tooltip = page.locator('#chart-cpu-0 .tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toMatch(
      /second \d+.*all pods: [\d.]+ millicores.*foo-7d9c5b-abcde: [\d.]+ millicores/,
    );
    await page.locator('#chart-memory-0 button[data-series="foo-7d9c5b-fghij"]').click();
    expect(
      await page
        .locator('#chart-memory-0 path.series')
        .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-series'))),
    ).toEqual(['all pods', 'foo-7d9c5b-abcde']);
    await mkdir(resultsDir, { recursive: true });
    await section.screenshot({ path: join(resultsDir, 'html-report-resources.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps hostile workload, pod and warning text inert', async () => {
    const hostile = makeResourceUsage({ names: { foo: HOSTILE[2]!, bar: HOSTILE[3]!, pod: HOSTILE[4]! } });
    const report = createRunReport({ result, run: RUN_INFO, resources: { ...hostile, warnings: HOSTILE } });
    const { page, problems } = await open(renderHtml(report));
    expect(problems).toEqual([]);
    expect(await page.locator('img, iframe').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('table.resources tbody tr td:first-child').allTextContents()).toEqual([
      HOSTILE[2],
      HOSTILE[3],
      'ingress',
    ]);
    expect(await page.locator('#chart-cpu-0 button').allTextContents()).toContain(HOSTILE[4]);
    expect(await page.locator('ul.warnings li').count()).toBe(HOSTILE.length);
    await page.close();
  }, 60_000);

  it('says when usage is unavailable, the local provider has no nodes, and no resources add nothing', async () => {
    const unavailable = createRunReport({
      result,
      run: RUN_INFO,
      resources: { ...makeResourceUsage(), workloads: [], warnings: [], unavailable: 'nodes/proxy is forbidden' },
    });
    const a = await open(renderHtml(unavailable));
    expect(a.problems).toEqual([]);
    expect(await a.page.locator('section#resources p.bad').textContent()).toBe(
      'Resource usage unavailable: nodes/proxy is forbidden',
    );
    expect(await a.page.locator('section#resources figure').count()).toBe(0);
    await a.page.close();

    const local = createRunReport({ result, run: RUN_INFO, resources: makeResourceUsage({ local: true }) });
    const b = await open(renderHtml(local));
    expect(b.problems).toEqual([]);
    expect(await b.page.locator('details.pods').first().locator('tbody td:nth-child(2)').allTextContents()).toEqual([
      '–',
      '–',
    ]);
    expect(await b.page.locator('#chart-memory-1 path.series').count()).toBe(3);
    await b.page.close();

    const none = await open(renderHtml(createRunReport({ result, run: RUN_INFO })));
    expect(await none.page.locator('section#resources').count()).toBe(0);
    await none.page.close();
  }, 60_000);
});
