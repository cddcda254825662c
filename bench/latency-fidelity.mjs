#!/usr/bin/env node
// Bench 3: latency fidelity.
//  a) a server that answers in exactly 20 ms, at 500 req/s: corrected p50 must be within 1 ms of 20 ms;
//  b) a fast server that stalls once for 500 ms: the corrected latency p99 must show the stall
//     (>= 100 ms) while the service-time p99 must not (< 50 ms): coordinated omission at work.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runLoad } from '../packages/loadgen/dist/index.js';
import { fmt, machine } from './lib/tools.mjs';

const durationS = Number(process.env.BENCH_DURATION_S ?? 10);

async function startDelayServer(args) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./lib/delay-server.mjs', import.meta.url)), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const { value } = await iterator.next();
  const { port } = JSON.parse(value);
  return {
    address: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      const { value: last } = await iterator.next();
      await once(child, 'exit').catch(() => undefined);
      return last ? JSON.parse(last) : {};
    },
  };
}

// Unset: whichever engine the loadgen uses by default.
const engine = process.env.BENCH_ENGINE;
console.log(JSON.stringify(await machine()));

const fixed = await startDelayServer(['delay', '20']);
const a = await runLoad({
  address: fixed.address,
  targets: [{ host: 'bench.localhost', expectBody: 'ok' }],
  rate: 500,
  durationMs: durationS * 1000,
  warmupMs: 1000,
  connections: 50,
  ...(engine ? { engine } : {}),
});
const fixedServer = await fixed.stop();

const stalling = await startDelayServer(['stall', '3000', '500']);
const b = await runLoad({
  address: stalling.address,
  targets: [{ host: 'bench.localhost', expectBody: 'ok' }],
  rate: 500,
  durationMs: durationS * 1000,
  connections: 10,
  ...(engine ? { engine } : {}),
});
const stallServer = await stalling.stop();

const aPass = Math.abs(a.summary.latency.p50 - 20) <= 1;
const bPass = b.summary.latency.p99 >= 100 && b.summary.serviceTime.p99 < 50;
console.log('\nlatency fidelity (ms)');
console.log(
  `a) fixed 20 ms server @500 rps: latency p50=${fmt(a.summary.latency.p50, 3)} p99=${fmt(a.summary.latency.p99, 3)}, ` +
    `service p50=${fmt(a.summary.serviceTime.p50, 3)}, server-side delay p50=${fmt(fixedServer.delayP50, 3)}, ` +
    `sendLag p50/p99=${fmt(a.selfCheck.sendLag.p50, 2)}/${fmt(a.selfCheck.sendLag.p99, 2)}, ` +
    `eventLoop max=${fmt(a.selfCheck.eventLoopDelay.max, 1)}, valid=${a.valid} -> ${aPass ? 'PASS' : 'FAIL'} (|p50-20| <= 1)`,
);
console.log(
  `b) one 500 ms stall @500 rps, 10 connections: latency p99=${fmt(b.summary.latency.p99, 1)} max=${fmt(b.summary.latency.max, 1)}, ` +
    `service p99=${fmt(b.summary.serviceTime.p99, 2)} max=${fmt(b.summary.serviceTime.max, 1)}, late=${b.summary.late}, ` +
    `requests=${b.summary.requests} (server served ${stallServer.served}) -> ${bPass ? 'PASS' : 'FAIL'} (latency p99 >= 100, service p99 < 50)`,
);
console.log(
  `RESULT ${JSON.stringify({
    bench: 'latency-fidelity',
    fixed: {
      latency: a.summary.latency,
      serviceTime: a.summary.serviceTime,
      server: fixedServer,
      selfCheck: a.selfCheck,
      valid: a.valid,
      pass: aPass,
    },
    stall: {
      latency: b.summary.latency,
      serviceTime: b.summary.serviceTime,
      late: b.summary.late,
      selfCheck: b.selfCheck,
      pass: bPass,
    },
  })}`,
);
