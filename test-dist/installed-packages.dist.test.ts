import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { describeShippedCli } from './support/cli-contract.js';
import { root } from './support/global-setup.js';

const consumerDir = inject('consumerDir');
const installed = (name: string) => join(consumerDir, 'node_modules', '@prload', name);

describeShippedCli(
  'prload installed from the packed packages (npm install of the tarballs)',
  () => ({ entry: join(consumerDir, 'node_modules/.bin/prload'), cwd: consumerDir }),
  () => join(installed('deploy'), 'chart/http-echo'),
);

describe('the installed packages', () => {
  it("npx @prload/ci-runner runs the package's one bin, prload (the README's npx form)", () => {
    // --no: never fetch from the registry, so this is the installed tarball's bin or a failure. (`npx <pkg>
    // --version` would print npm's own version: npm takes that flag wherever it stands.)
    const printed = execFileSync('npx', ['--no', '@prload/ci-runner', 'run', '--dry-run'], {
      cwd: consumerDir,
      encoding: 'utf8',
    });
    expect(printed).toMatch(/^# prload plan \(dry run\): run \S+, provider kind, seed \d+\n/);
  });

  it('are the registry form: real folders under node_modules, not links into the workspace', () => {
    const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces as string[];
    for (const dir of workspaces) {
      const name = (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string }).name;
      const manifest = JSON.parse(readFileSync(join(consumerDir, 'node_modules', name, 'package.json'), 'utf8'));
      expect(manifest.name).toBe(name);
      // npm records a tarball install's resolved path; a workspace link has none.
      const lock = JSON.parse(readFileSync(join(consumerDir, 'package-lock.json'), 'utf8'));
      expect(lock.packages[`node_modules/${name}`].link).toBeUndefined();
    }
  });

  it('@prload/deploy carries the chart, identical to charts/http-echo', () => {
    for (const file of ['Chart.yaml', 'values.yaml', 'values.schema.json', 'templates/deployment.yaml']) {
      expect(readFileSync(join(installed('deploy'), 'chart/http-echo', file), 'utf8')).toBe(
        readFileSync(join(root, 'charts/http-echo', file), 'utf8'),
      );
    }
  });
});
