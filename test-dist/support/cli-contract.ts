import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { helmBinary } from '../../packages/deploy/test/helpers/helm-binary.js';
import { root } from './global-setup.js';

const execFileAsync = promisify(execFile);

export interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <entry> ...args` in `cwd` and gives its exit code and output, whatever the code. */
export async function runNode(entry: string, args: readonly string[], cwd: string): Promise<Finished> {
  return execFileAsync('node', [entry, ...args], {
    cwd,
    timeout: 150_000,
    env: { ...process.env, NO_COLOR: '1', CI: 'true', GITHUB_ACTIONS: '' },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === 'number' ? error.code : -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? String(error),
    }),
  );
}

/** What `prload run --dry-run` plans for each app: the chart helm would install and its values. */
export function plannedApps(plan: string): Map<string, { chart: string; values: unknown }> {
  const apps = new Map<string, { chart: string; values: unknown }>();
  for (const match of plan.matchAll(/^helm upgrade --install (\S+) (\S+) --namespace prload .*$/gm)) {
    const [, release, chart] = match;
    const section = new RegExp(`^## values: ${release}\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(plan);
    apps.set(release!, { chart: chart!, values: section ? parse(section[1]!) : undefined });
  }
  return apps;
}

/**
 * The behaviour every shipped form of the CLI must show, whatever the form (the installed package's bin, the
 * action's bundle): its version, a local run that passes, and a dry run whose app chart exists where it was
 * installed and passes `helm lint --strict` with the apps' own values.
 */
export function describeShippedCli(
  name: string,
  cli: () => { entry: string; cwd: string },
  chartBelow: () => string,
): void {
  describe(name, () => {
    it('prints the release version', async () => {
      const { entry, cwd } = cli();
      const { version } = JSON.parse(readFileSync(join(root, 'apps/ci-runner/package.json'), 'utf8')) as {
        version: string;
      };
      const done = await runNode(entry, ['--version'], cwd);
      expect(done).toMatchObject({ code: 0, stdout: `${version}\n` });
    });

    it('runs the whole pipeline with --provider local and writes a passing report', async () => {
      const { entry, cwd } = cli();
      const out = mkdtempSync(join(cwd, 'local-run-'));
      const done = await runNode(entry, ['run', '--provider', 'local', '--duration', '3s', '--out', out], cwd);
      expect(done.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
      expect(done.code, done.stderr).toBe(0);
      for (const format of ['json', 'md', 'html', 'xml'])
        expect(existsSync(join(out, `prload-report.${format}`))).toBe(true);
      const smoke = await runNode(join(root, 'scripts/check-smoke.mjs'), [join(out, 'prload-report.json')], cwd);
      expect(smoke.code, smoke.stderr).toBe(0);
    });

    it('plans a kind run whose app chart is the installed copy and passes helm lint --strict', async () => {
      const { entry, cwd } = cli();
      const done = await runNode(entry, ['run', '--dry-run'], cwd);
      expect(done.code, done.stderr).toBe(0);
      const apps = plannedApps(done.stdout);
      expect([...apps.keys()]).toEqual(['foo', 'bar']);
      const helm = await helmBinary();
      for (const [release, { chart, values }] of apps) {
        expect(chart).toBe(chartBelow());
        expect(existsSync(join(chart, 'Chart.yaml'))).toBe(true);
        expect(values).toMatchObject({ text: release, host: `${release}.localhost` });
        const valuesDir = join(cwd, 'values');
        mkdirSync(valuesDir, { recursive: true });
        const file = join(valuesDir, `${release}.json`);
        writeFileSync(file, JSON.stringify(values));
        const lint = await execFileAsync(helm, ['lint', '--strict', chart, '--values', file]).catch(
          (error: { stdout?: string; stderr?: string }) => {
            throw new Error(`helm lint --strict ${chart} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
          },
        );
        expect(lint.stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
      }
    });

    it('answers a bad flag with one line naming it and exit code 2, no stack trace', async () => {
      const { entry, cwd } = cli();
      const done = await runNode(entry, ['run', '--dry-run', '--app-chart', 'https://charts.example.com'], cwd);
      expect(done.code).toBe(2);
      expect(done.stderr.trim().split('\n')).toEqual([
        'prload: --app-chart: must be a local chart folder or an oci://<registry>/<path> reference, got "https://charts.example.com"',
      ]);
    });
  });
}
