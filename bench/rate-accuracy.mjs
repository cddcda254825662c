#!/usr/bin/env node
// Bench 1: open-model rate accuracy, counted server-side by nginx in 100 ms windows, against autocannon -R.
// Pass: achieved rate within 0.5% of the target and the busiest 100 ms window <= 1.05x the mean.
// Both tools first run BENCH_WARMUP_S (1 s) that is not counted: opening 32 connections costs
// undici a WASM parser instance each, a ~10 ms stall that would otherwise land in the first window.
import { runLoad } from '../packages/loadgen/dist/index.js';
import { startNginx } from './lib/nginx.mjs';
import { autocannon, available, fmt, machine, windows } from './lib/tools.mjs';

const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const rates = (process.env.BENCH_RATES ?? '1000,5000,10000').split(',').map(Number);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const warmupS = Number(process.env.BENCH_WARMUP_S ?? 1);
// Unset: whichever engine the loadgen uses by default.
const engine = process.env.BENCH_ENGINE;
const WINDOW_MS = 100;

async function measure(label, rate, drive) {
  const nginx = await startNginx({ logArrivals: true });
  try {
    const extra = await drive(nginx.address);
    const w = windows(await nginx.arrivals(), WINDOW_MS, durationS * 1000, warmupS * 1000);
    const achieved = w.inside / durationS;
    const error = (achieved - rate) / rate;
    const pass = Math.abs(error) <= 0.005 && w.maxOverMean <= 1.05;
    return { label, rate, achieved, error, ...w, pass, ...extra };
  } finally {
    await nginx.stop();
  }
}

const rows = [];
console.log(JSON.stringify(await machine()));
for (const rate of rates) {
  rows.push(
    await measure(`loadgen ${engine ?? 'default engine'}`, rate, async (address) => {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      const r = await runLoad({
        address,
        targets: [{ host: 'bench.localhost', expectBody: 'ok' }],
        rate,
        durationMs: durationS * 1000,
        warmupMs: warmupS * 1000,
        connections,
        ...(engine ? { engine } : {}),
      });
      const used = process.cpuUsage(cpu);
      return {
        valid: r.valid,
        sendLagP99: r.selfCheck.sendLag.p99,
        sendLagMax: r.selfCheck.sendLag.max,
        late: r.summary.late,
        lateShare: r.summary.late / r.summary.requests,
        errors: r.summary.errors,
        eldP99: r.selfCheck.eventLoopDelay.p99,
        eldMax: r.selfCheck.eventLoopDelay.max,
        // Share of one core the generator process used, run included.
        cpu: (used.user + used.system) / 1000 / (performance.now() - wall),
      };
    }),
  );
  if (available('autocannon')) {
    rows.push(
      await measure('autocannon -R', rate, async (address) => {
        const a = await autocannon({ url: `${address}/`, connections, durationS: durationS + warmupS, rate });
        return { errors: a.errors };
      }),
    );
  }
}

console.log(
  `\nrate accuracy, ${durationS} s per run after ${warmupS} s warmup, ${connections} connections, server-side 100 ms windows`,
);
console.log('tool           | target | achieved | error  | busiest/mean | quietest/mean | pass | notes');
for (const r of rows) {
  const notes = r.label.startsWith('loadgen')
    ? `valid=${r.valid} sendLag p99/max=${fmt(r.sendLagP99, 2)}/${fmt(r.sendLagMax, 1)} ms late=${fmt(r.lateShare * 100, 1)}% ` +
      `eventLoop p99/max=${fmt(r.eldP99, 1)}/${fmt(r.eldMax, 1)} ms cpu=${fmt(r.cpu * 100, 0)}% errors=${r.errors}`
    : `errors=${r.errors}`;
  console.log(
    `${r.label.padEnd(14)} | ${String(r.rate).padStart(6)} | ${fmt(r.achieved).padStart(8)} | ${fmt(r.error * 100, 2).padStart(5)}% | ${fmt(r.maxOverMean, 3).padStart(12)} | ${fmt(r.minOverMean, 3).padStart(13)} | ${r.pass ? 'yes ' : 'NO  '} | ${notes}`,
  );
}
console.log(`RESULT ${JSON.stringify({ bench: 'rate-accuracy', rows })}`);
