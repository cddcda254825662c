#!/usr/bin/env node
// Bench 4: memory stays flat. RSS after a short warm run, then again after 5 million requests
// (closed model against a private nginx), both after a forced GC. Pass: growth <= 50 MB.
// Bounded: stops at BENCH_REQUESTS requests or BENCH_MAX_S seconds, whichever comes first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runLoad } from '../packages/loadgen/dist/index.js';
import { NGINX_BODY, startNginx } from './lib/nginx.mjs';
import { fmt, machine } from './lib/tools.mjs';

const target = Number(process.env.BENCH_REQUESTS ?? 5_000_000);
const maxS = Number(process.env.BENCH_MAX_S ?? 900);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const pipelining = Number(process.env.BENCH_PIPELINING ?? 4);
// Unset: whichever engine the loadgen uses by default.
const engine = process.env.BENCH_ENGINE;
const MB = 1024 * 1024;

if (typeof globalThis.gc !== 'function') {
  // RSS is only comparable after a forced GC: re-run this script with --expose-gc.
  const again = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
const settle = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage.rss();
};
const heapMB = () => process.memoryUsage().heapUsed / MB;

console.log(JSON.stringify(await machine()));
const nginx = await startNginx();
const options = {
  address: nginx.address,
  targets: [{ host: 'bench.localhost', expectBody: NGINX_BODY }],
  model: 'closed',
  connections,
  pipelining,
  ...(engine ? { engine } : {}),
};
try {
  await runLoad({ ...options, durationMs: 3000 });
  const before = settle();
  const heapBefore = heapMB();
  let peak = before;
  const controller = new AbortController();
  const started = performance.now();
  const result = await runLoad({
    ...options,
    durationMs: maxS * 1000,
    signal: controller.signal,
    onProgress: (p) => {
      peak = Math.max(peak, process.memoryUsage.rss());
      if (p.requests >= target) controller.abort();
      if (Math.round(p.elapsedMs / 1000) % 30 === 0) {
        console.log(
          `  ${fmt(p.elapsedMs / 1000, 0)} s: ${p.requests} requests, rss ${fmt(process.memoryUsage.rss() / MB)} MB`,
        );
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const after = settle();
  const heapAfter = heapMB();
  const growth = (after - before) / MB;
  const pass = result.summary.requests >= target * 0.99 && growth <= 50;
  console.log(
    `\nmemory: ${result.summary.requests} requests in ${fmt(seconds)} s (${fmt(result.summary.rate, 0)} req/s, errors ${result.summary.errors}); ` +
      `rss before ${fmt(before / MB)} MB, after ${fmt(after / MB)} MB (growth ${fmt(growth)} MB), peak ${fmt(peak / MB)} MB, ` +
      `heap used ${fmt(heapBefore)} -> ${fmt(heapAfter)} MB, ` +
      `result JSON ${fmt(JSON.stringify(result).length / 1024)} KiB -> ${pass ? 'PASS' : 'FAIL'} (growth <= 50 MB)`,
  );
  console.log(
    `RESULT ${JSON.stringify({ bench: 'memory', requests: result.summary.requests, seconds, beforeMB: before / MB, afterMB: after / MB, peakMB: peak / MB, growthMB: growth, heapBeforeMB: heapBefore, heapAfterMB: heapAfter, pass })}`,
  );
} finally {
  await nginx.stop();
}
