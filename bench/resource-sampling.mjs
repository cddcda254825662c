#!/usr/bin/env node
// Bench: does sampling resource usage disturb the load? The open-model generator's send lag (planned
// vs actual send time) against nginx, without a sampler and with one reading nginx's processes and the
// generator itself every 1 s (the default) and every 100 ms (the shortest interval allowed), interleaved
// in BENCH_ROUNDS rounds so a noisy neighbour hits every variant alike.
// Pass: with the default interval, send-lag p99 at most 1.1x (+0.1 ms) the unsampled run's.
import { execFileSync } from 'node:child_process';
import { runLoad } from '../packages/loadgen/dist/index.js';
import { processSource, startResourceSampler } from '../packages/resources/dist/index.js';
import { startNginx } from './lib/nginx.mjs';
import { fmt, machine } from './lib/tools.mjs';

const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const rate = Number((process.env.BENCH_RATES ?? '5000').split(',')[0]);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
// Unset: whichever engine the loadgen uses by default.
const engine = process.env.BENCH_ENGINE;
const variants = [
  { label: 'no sampling', intervalMs: undefined },
  { label: 'sampling every 1 s', intervalMs: 1000 },
  { label: 'sampling every 100 ms', intervalMs: 100 },
];

const nginxProcesses = (pid) => {
  const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0);
  return [pid, ...workers].map((p, i) => ({ workload: 'nginx', name: i === 0 ? 'master' : `worker-${i}`, pid: p }));
};

async function measure(variant) {
  const nginx = await startNginx();
  try {
    // Listed once: `ps` run synchronously on every read would itself block the generator's loop.
    const processes = nginxProcesses(nginx.pid);
    const sampler =
      variant.intervalMs === undefined
        ? undefined
        : startResourceSampler({
            source: processSource(() => processes),
            workloads: [{ name: 'nginx', role: 'app' }],
            intervalMs: variant.intervalMs,
          });
    sampler?.markLoadStart();
    const result = await runLoad({
      address: nginx.address,
      targets: [{ host: 'bench.localhost', expectBody: 'ok' }],
      rate,
      durationMs: durationS * 1000,
      warmupMs: 1000,
      connections: 32,
      ...(engine ? { engine } : {}),
    });
    sampler?.markLoadEnd();
    const usage = await sampler?.stop();
    return {
      sendLagP50: result.selfCheck.sendLag.p50,
      sendLagP99: result.selfCheck.sendLag.p99,
      sendLagMax: result.selfCheck.sendLag.max,
      achieved: result.summary.rate,
      valid: result.valid,
      nginxCpu: usage?.workloads[0]?.summary.cpuMeanMillicores,
      points: usage?.workloads[0]?.series.length,
    };
  } finally {
    await nginx.stop();
  }
}

console.log(JSON.stringify(await machine()));
const runs = new Map(variants.map((v) => [v.label, []]));
for (let round = 0; round < rounds; round++) {
  for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
    runs.get(variant.label).push(await measure(variant));
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `\nsend lag with and without resource sampling: ${rate} req/s open model, ${durationS} s, ${engine ?? 'default engine'}, median of ${rounds} rounds`,
);
console.log(
  'variant               | send lag p50 | p99     | max     | achieved | valid | nginx CPU | points | p99 ratio',
);
const base = median(runs.get('no sampling').map((r) => r.sendLagP99));
let pass = true;
for (const variant of variants) {
  const r = runs.get(variant.label);
  const p99 = median(r.map((x) => x.sendLagP99));
  const ratio = p99 / base;
  if (variant.intervalMs === 1000 && p99 > base * 1.1 + 0.1) pass = false;
  console.log(
    `${variant.label.padEnd(21)} | ${fmt(median(r.map((x) => x.sendLagP50)), 3).padStart(9)} ms | ${fmt(p99, 3).padStart(4)} ms | ` +
      `${fmt(median(r.map((x) => x.sendLagMax)), 2).padStart(4)} ms | ${fmt(median(r.map((x) => x.achieved)), 0).padStart(8)} | ` +
      `${r.every((x) => x.valid)} | ${variant.intervalMs ? `${fmt(median(r.map((x) => x.nginxCpu)), 0)}m` : '–'} | ` +
      `${variant.intervalMs ? median(r.map((x) => x.points)) : '–'} | ${fmt(ratio, 2)}x`,
  );
}
console.log(`RESULT resource-sampling pass=${pass}`);
process.exit(pass ? 0 : 1);
