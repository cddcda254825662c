import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExecutor } from '@prload/cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { appValues } from '../src/app-values.js';
import { defaultChartPath } from '../src/chart-path.js';
import { helmBinary } from './helpers/helm-binary.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const checkoutChart = fileURLToPath(new URL('../../../charts/http-echo', import.meta.url));

/** Every file below `dir`, relative to it, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** `defaultChartPath()` as the built module at `distDir` computes it, in a plain node process. */
async function chartPathFrom(distDir: string): Promise<string> {
  const module = join(distDir, 'chart-path.js');
  const script = `import { defaultChartPath } from ${JSON.stringify(module)}; console.log(defaultChartPath());`;
  // --no-warnings: CI's FORCE_COLOR beside a NO_COLOR makes Node warn on stderr, which says nothing about the path.
  const result = await createExecutor().run(process.execPath, [
    '--no-warnings',
    '--input-type=module',
    '--eval',
    script,
  ]);
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

/** `helm lint --strict` on `chart` with the values prload gives an app. */
async function lintWithAppValues(chart: string, dir: string): Promise<{ exitCode: number; stdout: string }> {
  const values = join(dir, 'foo-values.yaml');
  await writeFile(
    values,
    stringify(appValues({ name: 'foo', text: 'foo says hi', host: 'foo.example.test' }, 'nginx')),
  );
  return createExecutor().run(await helmBinary(), ['lint', '--strict', chart, '--values', values]);
}

describe('defaultChartPath in the workspace', () => {
  it('is the built copy in packages/deploy/chart, identical to its one source charts/http-echo', async () => {
    // The test target depends on build, which copies the chart.
    const chart = defaultChartPath();
    expect(chart).toBe(join(packageDir, 'chart', 'http-echo'));
    const files = await filesUnder(chart);
    expect(files).toContain('Chart.yaml');
    expect(files).toEqual(await filesUnder(checkoutChart));
    for (const file of files) {
      expect(await readFile(join(chart, file), 'utf8'), file).toBe(await readFile(join(checkoutChart, file), 'utf8'));
    }
  });

  describe('from a copy of the built dist', () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'prload-chart-path-'));
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    // A checkout laid out as the repository: <root>/charts/http-echo and <root>/packages/deploy/dist.
    it.each([
      { layout: 'built: the copy beside dist', copy: true, expected: 'packages/deploy/chart/http-echo' },
      { layout: 'never built: the checkout’s charts/http-echo', copy: false, expected: 'charts/http-echo' },
    ])('finds the chart $layout', async ({ copy, expected }) => {
      const checkout = join(root, copy ? 'with-copy' : 'without-copy');
      await cp(join(packageDir, 'dist'), join(checkout, 'packages/deploy/dist'), { recursive: true });
      for (const chart of ['charts/http-echo', ...(copy ? ['packages/deploy/chart/http-echo'] : [])]) {
        await mkdir(join(checkout, chart), { recursive: true });
        await writeFile(join(checkout, chart, 'Chart.yaml'), 'name: http-echo\n');
      }
      expect(await chartPathFrom(join(checkout, 'packages/deploy/dist'))).toBe(join(checkout, expected));
    });
  });
});

describe('defaultChartPath in the packed @prload/deploy', () => {
  let root: string;
  let installed: string;
  let packedFiles: string[];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'prload-deploy-pack-'));
    // --ignore-scripts: prepack would copy the chart again, under the feet of the chart tests running in
    // parallel; the build this test depends on already made the same copy. scripts/check-packages.sh packs
    // with the scripts.
    const packed = await createExecutor().run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', root],
      { cwd: packageDir, timeoutMs: 30_000 },
    );
    expect(packed.exitCode, packed.stderr).toBe(0);
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    packedFiles = files.map((f) => f.path).sort();
    // Where npm would install it in a consumer's project; nothing of the checkout is reachable from there.
    installed = join(root, 'node_modules', '@prload', 'deploy');
    await mkdir(installed, { recursive: true });
    const untar = await createExecutor().run('tar', [
      '-xzf',
      join(root, filename),
      '-C',
      installed,
      '--strip-components=1',
    ]);
    expect(untar.exitCode, untar.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('ships the chart, dist, README and LICENSE, and no tests or build info', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining(['chart/http-echo/Chart.yaml', 'dist/index.js', 'README.md', 'LICENSE']),
    );
    expect(packedFiles.filter((f) => /^(src|test)\/|tsbuildinfo$/.test(f))).toEqual([]);
  });

  it('points at the chart inside the installed package, which passes helm lint --strict with the apps’ values', async () => {
    const chart = await chartPathFrom(join(installed, 'dist'));
    expect(chart).toBe(join(installed, 'chart', 'http-echo'));
    const lint = await lintWithAppValues(chart, root);
    expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(lint.exitCode).toBe(0);
  }, 30_000);
});
