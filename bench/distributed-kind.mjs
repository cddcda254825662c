#!/usr/bin/env node
// Distributed load on a real kind cluster: one shard (one pod) against two shards (two pods on the two workers) at
// the same total rate, through Traefik's Service by cluster DNS. For each rate it prints, per variant, the achieved
// rate against the target, the latency p99, the generator's send-lag p99 (the worst shard's) and whether the
// self-check held, then the highest rate each variant held (valid, no errors, >= 99 % of the target). Rates rise
// until both variants are invalid or the list ends.
//
//   node bench/distributed-kind.mjs                  rates 250 500 1000 2000 4000, 10 s each
//   BENCH_RATES="500 1000" BENCH_DURATION=5s node bench/distributed-kind.mjs
//
// Needs what `npm run test:kind` needs (scripts/kind-images.sh build, scripts/prload-image.sh build, prload's own
// dockerd) and a built CLI (`npm run build`); it creates the cluster `prload-bench`, keeps it for the runs and
// deletes it at the end, also on failure, then stops the daemon.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'apps/ci-runner/dist/bin/prload.js');
const CLUSTER = 'prload-bench';
const rates = (process.env.BENCH_RATES ?? '250 500 1000 2000 4000').split(/\s+/).filter(Boolean).map(Number);
const duration = process.env.BENCH_DURATION ?? '10s';
const THIRD_PARTY = process.env.PRLOAD_THIRD_PARTY_DIR ?? join(root, '../shared/third_party');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${(result.stderr ?? '').slice(-2000)}`);
  }
  return result;
}

function exportsOf(command, args) {
  const env = {};
  for (const line of run(command, args).stdout.split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2];
  }
  return env;
}

console.error('[bench] building or reusing the kind images and the prload image');
run('bash', ['scripts/kind-images.sh', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
const env = { ...process.env, ...exportsOf('bash', ['scripts/kind-images.sh', 'env']) };
const image = run('bash', ['scripts/prload-image.sh', 'build'], { env }).stdout.trim();
const createdModules = !existsSync('/lib/modules');
if (createdModules) mkdirSync('/lib/modules', { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'prload-bench-dist-'));
const kindEnv = {
  ...env,
  PRLOAD_INGRESS_CONTROLLER: 'traefik',
  PRLOAD_INGRESS_CHART: join(THIRD_PARTY, 'traefik-chart-41.3.0', 'traefik'),
  PRLOAD_PRELOAD_IMAGES: `${env.PRLOAD_PRELOAD_IMAGES},${image}`,
  PRLOAD_COMMENT: 'false',
};

const rows = [];
try {
  console.error(`[bench] creating kind cluster ${CLUSTER} (kept for the runs)`);
  run(
    process.execPath,
    [BIN, 'run', '--provider', 'kind', '--cluster-name', CLUSTER, '--keep', '--duration', '2s', '--rate', '10'],
    { env: kindEnv, stdio: ['ignore', 'ignore', 'inherit'], cwd: work },
  );
  const kubeconfig = join(work, 'kubeconfig');
  writeFileSync(kubeconfig, run(env.PRLOAD_KIND, ['get', 'kubeconfig', '--name', CLUSTER], { env }).stdout);

  const held = { 1: 0, 2: 0 };
  for (const rate of rates) {
    const invalid = [];
    for (const shards of [1, 2]) {
      const out = join(work, `r${rate}-s${shards}`);
      const result = run(
        process.execPath,
        [
          BIN,
          'load',
          ...['--kubeconfig', kubeconfig, '--namespace', 'prload', '--shards', String(shards)],
          ...['--shard-image', image, '--target', 'http://traefik.traefik.svc:80'],
          ...['--host', 'foo.localhost,body=foo\n', '--host', 'bar.localhost,body=bar\n'],
          ...['--rate', String(rate), '--duration', duration, '--connections', '32', '--seed', '7'],
          ...['--format', 'json', '--out', out],
        ],
        { env, allowFailure: true },
      );
      const report = JSON.parse(readFileSync(join(out, 'prload-report.json'), 'utf8'));
      const s = report.summary;
      const row = {
        rate,
        shards,
        achieved: s.rate,
        accuracy: s.rate / rate,
        p99: s.latency.p99,
        sendLagP99: Math.max(...(report.shards ?? []).map((x) => x.sendLag.p99)),
        errors: s.errors,
        valid: report.valid,
        exit: result.status,
        why: report.invalidReason ?? '',
      };
      rows.push(row);
      // Held: the self-check passed, nothing failed, and the target rate was reached (a saturated server makes
      // requests queue for a free connection: the run stays valid, since latency counts from the planned time,
      // but the rate was not held).
      if (row.valid && row.errors === 0 && row.accuracy >= 0.99) held[shards] = Math.max(held[shards], rate);
      else invalid.push(shards);
      console.log(
        `rate ${rate}/s, ${shards} shard(s): achieved ${row.achieved.toFixed(1)}/s (${(row.accuracy * 100).toFixed(2)} %), p99 ${row.p99.toFixed(2)} ms, send-lag p99 ${row.sendLagP99.toFixed(2)} ms, errors ${row.errors}, ${row.valid ? 'valid' : `INVALID: ${row.why.slice(0, 160)}`}`,
      );
    }
    if (invalid.length === 2) break;
  }
  console.log(`highest rate held (valid, 0 errors, >= 99 % of target): 1 shard ${held[1]}/s, 2 shards ${held[2]}/s`);
  mkdirSync(join(root, 'bench', 'out'), { recursive: true });
  writeFileSync(join(root, 'bench', 'out', 'distributed-kind.json'), `${JSON.stringify(rows, null, 2)}\n`);
} finally {
  run(env.PRLOAD_KIND, ['delete', 'cluster', '--name', CLUSTER], { env, allowFailure: true });
  if (createdModules) rmSync('/lib/modules', { recursive: true, force: true });
  run('bash', ['scripts/kind/dockerd.sh', 'down'], { allowFailure: true, stdio: 'inherit' });
  rmSync(work, { recursive: true, force: true });
}
