#!/usr/bin/env node
// CPU per request in the closed model (10 connections, nginx): undici's own floor (a Pool and ten
// Clients driven with no-op handlers, none of the loadgen's bookkeeping), the loadgen with each
// engine, and autocannon. Shows why the undici engine cannot get far past autocannon and what the
// socket engine saves. Steadier than req/s on a shared machine. Interleaved rounds: BENCH_ROUNDS.
import { Client, Pool } from 'undici';
import { runLoad } from '../packages/loadgen/dist/index.js';
import { NGINX_BODY, startNginx } from './lib/nginx.mjs';
import { autocannon, available, cpuPerRequest, fmt, machine } from './lib/tools.mjs';

const durationMs = Number(process.env.BENCH_DURATION_S ?? 4) * 1000;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = 10;
const cpuSeconds = ({ user, system }) => (user + system) / 1e6;

/** Keeps one request in flight per lane until the time is up; each lane dispatches to `dispatcherOf(lane)`. */
async function undiciFloor(dispatcherOf) {
  const options = { method: 'GET', path: '/', headers: { host: 'bench.localhost' } };
  const end = performance.now() + durationMs;
  let requests = 0;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from(
      { length: connections },
      (_, lane) =>
        new Promise((resolve, reject) => {
          const handler = {
            onConnect() {},
            onHeaders: () => true,
            onData: () => true,
            onComplete() {
              requests++;
              if (performance.now() < end) dispatcherOf(lane).dispatch(options, handler);
              else resolve();
            },
            onError: reject,
          };
          dispatcherOf(lane).dispatch(options, handler);
        }),
    ),
  );
  return { requests, cpuUsPerRequest: cpuPerRequest(cpuSeconds(process.cpuUsage(cpu)), requests) };
}

async function loadgen(engine, address) {
  const cpu = process.cpuUsage();
  const r = await runLoad({
    engine,
    address,
    targets: [{ host: 'bench.localhost', expectBody: NGINX_BODY }],
    model: 'closed',
    connections,
    durationMs,
  });
  return {
    requests: r.summary.requests,
    cpuUsPerRequest: cpuPerRequest(cpuSeconds(process.cpuUsage(cpu)), r.summary.requests),
  };
}

const variants = {
  'undici Pool, no-op handler': async (address) => {
    const pool = new Pool(address, { connections, headersTimeout: 0, bodyTimeout: 0 });
    try {
      return await undiciFloor(() => pool);
    } finally {
      await pool.close();
    }
  },
  'undici Client x10, no-op handler': async (address) => {
    const clients = Array.from(
      { length: connections },
      () => new Client(address, { headersTimeout: 0, bodyTimeout: 0 }),
    );
    try {
      return await undiciFloor((lane) => clients[lane]);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  },
  'loadgen --engine undici': (address) => loadgen('undici', address),
  'loadgen --engine socket': (address) => loadgen('socket', address),
  ...(available('autocannon')
    ? { autocannon: (address) => autocannon({ url: `${address}/`, connections, durationS: durationMs / 1000 }) }
    : {}),
};

console.log(JSON.stringify(await machine()));
const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const nginx = await startNginx();
    try {
      const r = await run(nginx.address);
      samples[name].push(r.cpuUsPerRequest);
      console.log(`round ${round + 1}: ${name.padEnd(34)} ${fmt(r.cpuUsPerRequest, 1).padStart(6)} us/request`);
    } finally {
      await nginx.stop();
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ac = samples.autocannon ? median(samples.autocannon) : undefined;
console.log(`\nCPU per request, closed model, ${connections} connections, median of ${rounds} round(s)`);
for (const [name, xs] of Object.entries(samples)) {
  const vs = ac === undefined ? '' : `  autocannon / this = ${fmt(ac / median(xs), 2)}`;
  console.log(`${name.padEnd(34)} ${fmt(median(xs), 1).padStart(6)} us${vs}`);
}
console.log(`RESULT ${JSON.stringify({ bench: 'cpu-per-request', samples })}`);
