import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { describeShippedCli } from './support/cli-contract.js';
import { root } from './support/global-setup.js';

const bundleDir = inject('bundleDir');
let runDir = '';
beforeAll(() => {
  // Outside the workspace and the installed project: no node_modules anywhere above it.
  runDir = mkdtempSync(join(tmpdir(), 'prload-bundle-run-'));
});

describeShippedCli(
  "the action's bundle (dist/action), alone in a folder",
  () => ({ entry: join(bundleDir, 'bin/prload.js'), cwd: runDir }),
  () => join(bundleDir, 'chart/http-echo'),
);

/**
 * Optional packages the inlined libraries `require()` inside try/catch and do without: ws's native speed-ups and
 * node-fetch's legacy charset support. esbuild leaves such requires unresolved instead of failing the build.
 */
const OPTIONAL_REQUIRES = ['bufferutil', 'utf-8-validate', 'encoding'];

/** The module specifiers a bundled file loads: static and dynamic imports, and the banner's require(). */
function specifiers(code: string): string[] {
  const patterns = [
    /(?:^|[;\n}])\s*import\s*(?:[\w$*{][^;"'`]*?\bfrom\s*)?["']([^"'\s]+)["']/g,
    /\bimport\(\s*["']([^"'\s]+)["']\s*\)/g,
    /(?<![\w$."'`])(?:__)?require\(\s*["']([^"'\s]+)["']\s*\)/g,
  ];
  const found = new Set<string>();
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

describe("the action's bundle", () => {
  it('imports nothing but Node built-ins and its own files: every dependency is inlined', () => {
    const builtins = new Set(builtinModules);
    const files = readdirSync(join(bundleDir, 'bin'));
    expect(files).toEqual(
      expect.arrayContaining(['prload.js', 'load-worker.js', 'source-worker.js', 'replica-process.js']),
    );
    const outside: string[] = [];
    for (const file of files) {
      for (const specifier of specifiers(readFileSync(join(bundleDir, 'bin', file), 'utf8'))) {
        if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]!)) continue;
        if (OPTIONAL_REQUIRES.includes(specifier)) continue;
        if (specifier.startsWith('./')) {
          if (!existsSync(join(bundleDir, 'bin', specifier))) outside.push(`${file}: ${specifier} (missing)`);
          continue;
        }
        outside.push(`${file}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('is under the 20 MB the action may take, with its chart, license and third-party licenses', () => {
    let bytes = 0;
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else bytes += statSync(join(dir, entry.name)).size;
      }
    };
    walk(bundleDir);
    expect(bytes).toBeLessThan(20e6);
    expect(existsSync(join(bundleDir, 'chart/http-echo/Chart.yaml'))).toBe(true);
    expect(readFileSync(join(bundleDir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
    const thirdParty = readFileSync(join(bundleDir, 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const name of ['@kubernetes/client-node', 'undici', 'commander', 'hdr-histogram-js', 'yaml', 'zod']) {
      expect(thirdParty).toMatch(new RegExp(`^${name.replace(/[/.]/g, '\\$&')}@\\d`, 'm'));
    }
  });
});

interface Step {
  readonly id?: string;
  readonly run?: string;
}

/** A step's `run` script from a generated workflow or action.yml; none of them splices `${{ }}` into its text. */
function stepScript(file: string, id: string, job?: string): string {
  const document = parse(readFileSync(join(root, file), 'utf8')) as {
    jobs?: Record<string, { steps: Step[] }>;
    runs?: { steps: Step[] };
  };
  const steps = job ? document.jobs?.[job]?.steps : document.runs?.steps;
  const script = steps?.find((step) => step.id === id)?.run;
  if (!script) throw new Error(`${file}: no step ${id}${job ? ` in job ${job}` : ''}`);
  expect(script).not.toContain('${{');
  return script;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

describe('the release and the action, on local git repositories', () => {
  let work = '';
  let remote = '';
  let source = '';
  const version = (JSON.parse(readFileSync(join(root, 'apps/ci-runner/package.json'), 'utf8')) as { version: string })
    .version;
  const major = version.split('.')[0]!;

  /** An `npm` that fails and leaves a mark: the action's setup must not call it when the bundle is there. */
  function npmShim(): { path: string; calls: string } {
    const dir = mkdtempSync(join(work, 'shim-'));
    const calls = join(dir, 'calls');
    writeFileSync(join(dir, 'npm'), `#!/bin/sh\necho "$@" >> '${calls}'\nexit 97\n`);
    chmodSync(join(dir, 'npm'), 0o755);
    return { path: `${dir}:${process.env['PATH']}`, calls };
  }

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'prload-release-'));
    remote = join(work, 'remote.git');
    git(work, 'init', '--quiet', '--bare', remote);
    source = join(work, 'source');
    // The commit under test, as the release workflow's checkout of a tag has it: committed files only.
    git(work, 'clone', '--quiet', '--no-local', root, source);
    cpSync(bundleDir, join(source, 'dist/action'), { recursive: true });
  });

  it("the release's action job commits dist/action on top of the tag and pushes v<major> and v<version>-action", () => {
    const output = join(work, 'github-output');
    writeFileSync(output, '');
    const head = git(source, 'rev-parse', 'HEAD');
    const pushUrl = 'https://x-access-token:test-token@github.com/prload/prload.git';
    const done = spawnSync('bash', ['-c', stepScript('.github/workflows/release.yml', 'tag', 'action')], {
      cwd: source,
      encoding: 'utf8',
      env: {
        ...process.env,
        GITHUB_TOKEN: 'test-token',
        GITHUB_REPOSITORY: 'prload/prload',
        GITHUB_OUTPUT: output,
        VERSION: version,
        MAJOR: major,
        // The push goes to the local bare repository instead of github.com.
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: `url.${remote}.insteadOf`,
        GIT_CONFIG_VALUE_0: pushUrl,
      },
    });
    expect(done.status, done.stderr).toBe(0);
    const sha = /^sha=([0-9a-f]{40})$/m.exec(readFileSync(output, 'utf8'))?.[1];
    expect(sha).toBeDefined();
    expect(git(remote, 'rev-parse', `v${major}^{commit}`)).toBe(sha);
    expect(git(remote, 'rev-parse', `v${version}-action^{commit}`)).toBe(sha);
    expect(git(remote, 'rev-parse', `${sha}^`)).toBe(head);
    const files = git(remote, 'ls-tree', '-r', '--name-only', sha!).split('\n');
    expect(files).toEqual(
      expect.arrayContaining(['action.yml', 'dist/action/bin/prload.js', 'dist/action/chart/http-echo/Chart.yaml']),
    );
  });

  it("the release notes say what the release contains, above GitHub's generated notes", () => {
    const shim = mkdtempSync(join(work, 'gh-'));
    // A stand-in for the gh CLI (GitHub cannot be reached from here): it keeps its arguments, NUL-separated.
    writeFileSync(join(shim, 'gh'), `#!/bin/sh\nprintf '%s\\0' "$@" > '${shim}/args'\n`);
    chmodSync(join(shim, 'gh'), 0o755);
    const sha = 'c0ffee'.padEnd(40, '0');
    const done = spawnSync('bash', ['-c', stepScript('.github/workflows/release.yml', 'notes', 'release')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${shim}:${process.env['PATH']}`,
        GH_TOKEN: 'test-token',
        GITHUB_REPOSITORY: 'prload/prload',
        TAG: `v${version}`,
        VERSION: version,
        MAJOR: major,
        OWNER: 'prload',
        ACTION_SHA: sha,
      },
    });
    expect(done.status, done.stderr).toBe(0);
    const args = readFileSync(join(shim, 'args'), 'utf8').split('\0').slice(0, -1);
    expect(args.slice(0, -1)).toEqual([
      'release',
      'create',
      `v${version}`,
      '--repo',
      'prload/prload',
      '--verify-tag',
      '--generate-notes',
      '--notes',
    ]);
    expect(args.at(-1)!.split('\n')).toEqual([
      '**What this release contains**',
      '',
      `- npm: \`@prload/cluster\`, \`deploy\`, \`probe\`, \`loadgen\`, \`distributed\`, \`resources\`, \`report\` and \`ci-runner\` (the \`prload\` CLI) at ${version}, with provenance`,
      `- the GitHub Action with its prebuilt bundle: \`uses: prload/prload@v${major}\` (moving), \`@v${version}-action\`, or pinned \`@${sha}\``,
      `- the http-echo chart: \`oci://ghcr.io/prload/charts/http-echo\` version ${version} (\`prload run --app-chart published\`)`,
      `- the image: \`ghcr.io/prload/prload:${version}\` (linux/amd64, linux/arm64), the default of the distributed load shards`,
    ]);
  });

  it("action.yml's setup at that tag runs the prebuilt bundle and installs nothing", () => {
    const action = join(work, `action-v${major}`);
    git(work, 'clone', '--quiet', '--branch', `v${major}`, remote, action);
    const npm = npmShim();
    const done = spawnSync('bash', ['-c', stepScript('action.yml', 'build')], {
      cwd: action,
      encoding: 'utf8',
      env: { ...process.env, PATH: npm.path },
    });
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toBe(`prload ${version}: the release's prebuilt bundle, nothing to install\n`);
    expect(existsSync(npm.calls)).toBe(false);
    expect(existsSync(join(action, 'node_modules'))).toBe(false);
  });

  it('at a ref without the bundle (a branch or commit), the setup installs and builds it, and says so', () => {
    const branch = join(work, 'branch');
    git(work, 'clone', '--quiet', '--no-local', root, branch);
    mkdirSync(join(branch, 'dist'), { recursive: true });
    const npm = npmShim();
    const done = spawnSync('bash', ['-c', stepScript('action.yml', 'build')], {
      cwd: branch,
      encoding: 'utf8',
      env: { ...process.env, PATH: npm.path },
    });
    expect(done.status).toBe(97);
    expect(done.stdout).toContain('::notice title=prload::no prebuilt bundle at this ref');
    expect(readFileSync(npm.calls, 'utf8')).toBe('ci --no-audit --no-fund\n');
  });
});
