#!/usr/bin/env node
// The GitHub Action's setup, before and after the prebuilt bundle, measured on this machine from a fresh clone:
//   before  what action.yml did on every use until issue 14: `npm ci` of the whole workspace, then `npm run build`,
//           with an empty npm cache (a runner has none for the action's folder). Bytes downloaded: the tarballs npm
//           fetched, as its cache holds them afterwards.
//   after   what a release tag's action does: the runner downloads the repository at the tag (a gzip tarball of
//           the tree, dist/action included), unpacks it, and the setup step only runs `node … --version`.
//           Bytes downloaded: that tarball. No npm, no build.
// Both start from the same commit (HEAD of this checkout) and print one table with the ratios.
//
//   node bench/action-setup.mjs            BENCH_KEEP=1 keeps the temporary folders (their path is printed)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'prload-bench-setup-'));

function run(command, args, cwd, env = {}) {
  const started = performance.now();
  const done = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  if (done.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (exit ${done.status}):\n${done.stderr}`);
    process.exit(1);
  }
  return (performance.now() - started) / 1000;
}

function bytesUnder(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return bytes;
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
console.error(`[bench] commit ${commit}, work folder ${work}`);

// before: npm ci (empty cache) + build, in a fresh clone.
const before = join(work, 'before');
execFileSync('git', ['clone', '--quiet', '--no-local', root, before]);
const cache = join(work, 'npm-cache');
console.error('[bench] before: npm ci with an empty cache, then npm run build');
const installSeconds = run('npm', ['ci', '--no-audit', '--no-fund', '--cache', cache], before);
const downloadedBefore = bytesUnder(join(cache, '_cacache', 'content-v2'));
const buildSeconds = run('npm', ['run', 'build'], before, { NX_NO_CLOUD: 'true', NX_DAEMON: 'false' });
const nodeModulesBytes = bytesUnder(join(before, 'node_modules'));

// after: the release tree (the commit plus dist/action, as the release's action job commits it) as the runner
// downloads it, unpacked, then the setup step.
console.error('[bench] after: the release tree as a gzip tarball, unpacked, then the setup step');
execFileSync('node', ['scripts/bundle-action.mjs', '--out', join(before, 'dist', 'action')], {
  cwd: before,
  stdio: 'ignore',
});
const release = join(work, 'release');
execFileSync('git', ['clone', '--quiet', '--no-local', root, release]);
cpSync(join(before, 'dist', 'action'), join(release, 'dist', 'action'), { recursive: true });
rmSync(join(release, '.git'), { recursive: true, force: true });
const tarball = join(work, 'action.tar.gz');
execFileSync('tar', ['-czf', tarball, '-C', release, '.']);
const downloadedAfter = statSync(tarball).size;
const unpacked = join(work, 'unpacked');
execFileSync('mkdir', ['-p', unpacked]);
const unpackSeconds = run('tar', ['-xzf', tarball, '-C', unpacked], work);
const setupSeconds = run('node', ['dist/action/bin/prload.js', '--version'], unpacked);
const bundleBytes = bytesUnder(join(unpacked, 'dist', 'action'));

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const s = (seconds) => `${seconds.toFixed(1)} s`;
const beforeSeconds = installSeconds + buildSeconds;
const afterSeconds = unpackSeconds + setupSeconds;
console.log(`action setup, commit ${commit}, ${new Date().toISOString()}`);
console.log('| | before: npm ci + build | after: prebuilt bundle | before / after |');
console.log('| --- | ---: | ---: | ---: |');
console.log(
  `| time on this machine | ${s(beforeSeconds)} (npm ci ${s(installSeconds)}, build ${s(buildSeconds)}) | ${s(afterSeconds)} (unpack ${s(unpackSeconds)}, setup ${s(setupSeconds)}) | ${(beforeSeconds / afterSeconds).toFixed(0)}x |`,
);
console.log(
  `| bytes downloaded | ${mb(downloadedBefore)} (npm tarballs) | ${mb(downloadedAfter)} (the tree at the tag, gzip) | ${(downloadedBefore / downloadedAfter).toFixed(0)}x |`,
);
console.log(
  `| on disk afterwards | ${mb(nodeModulesBytes)} (node_modules) | ${mb(bundleBytes)} (dist/action) | ${(nodeModulesBytes / bundleBytes).toFixed(0)}x |`,
);

console.log(
  `RESULT ${JSON.stringify({ bench: 'action-setup', commit, before: { seconds: beforeSeconds, downloadedBytes: downloadedBefore, diskBytes: nodeModulesBytes }, after: { seconds: afterSeconds, downloadedBytes: downloadedAfter, diskBytes: bundleBytes } })}`,
);
// The goal issue 14 set for the action: under 10 s and under 20 MB.
const pass = afterSeconds < 10 && downloadedAfter < 20e6;
console.log(
  `${pass ? 'PASS' : 'FAIL'}: after ${s(afterSeconds)} (< 10 s) and ${mb(downloadedAfter)} downloaded (< 20 MB)`,
);
process.exitCode = pass ? 0 : 1;

if (process.env.BENCH_KEEP === '1') console.error(`[bench] kept ${work}`);
else rmSync(work, { recursive: true, force: true });
