#!/usr/bin/env node
// Bench 2: closed model, 10 connections, against a private nginx: requests/s of the loadgen
// versus autocannon, wrk and hey under the same concurrency. Each tool gets a fresh nginx.
import { runLoad } from '../packages/loadgen/dist/index.js';
import { NGINX_BODY, startNginx } from './lib/nginx.mjs';
import { autocannon, available, fmt, hey, machine, wrk } from './lib/tools.mjs';

const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function withNginx(fn) {
  const nginx = await startNginx();
  try {
    return await fn(`${nginx.address}/`, nginx.address);
  } finally {
    await nginx.stop();
  }
}

console.log(JSON.stringify(await machine()));
const rows = [];
rows.push(
  await withNginx(async (_url, address) => {
    const r = await runLoad({
      address,
      targets: [{ host: 'bench.localhost', expectBody: NGINX_BODY }],
      model: 'closed',
      connections,
      durationMs: durationS * 1000,
    });
    return {
      tool: 'loadgen',
      rps: r.summary.rate,
      requests: r.summary.requests,
      errors: r.summary.errors,
      p50: r.summary.latency.p50,
      p99: r.summary.latency.p99,
    };
  }),
);
if (available('autocannon')) {
  rows.push(
    await withNginx(async (url) => ({ tool: 'autocannon', ...(await autocannon({ url, connections, durationS })) })),
  );
}
rows.push(await withNginx(async (url) => ({ tool: 'wrk -t1', ...(await wrk({ url, connections, durationS })) })));
if (available('hey'))
  rows.push(await withNginx(async (url) => ({ tool: 'hey', ...(await hey({ url, connections, durationS })) })));

const ours = rows[0].rps;
console.log(`\nclosed model, ${connections} connections, ${durationS} s per tool, nginx 1 worker on 127.0.0.1`);
console.log('tool        |    req/s | loadgen / tool | notes');
for (const r of rows) {
  const notes = r.p50 !== undefined ? `p50=${fmt(r.p50, 2)} ms p99=${fmt(r.p99, 2)} ms errors=${r.errors ?? 0}` : '';
  console.log(`${r.tool.padEnd(11)} | ${fmt(r.rps, 0).padStart(8)} | ${fmt(ours / r.rps, 2).padStart(14)} | ${notes}`);
}
console.log(`RESULT ${JSON.stringify({ bench: 'closed-throughput', rows })}`);
