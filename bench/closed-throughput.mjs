#!/usr/bin/env node
// Bench 2: closed model, 10 connections, against a private nginx: requests/s of the loadgen
// versus autocannon, wrk and hey under the same concurrency. Each tool gets a fresh nginx.
import { runLoad } from '../packages/loadgen/dist/index.js';
import { NGINX_BODY, startNginx } from './lib/nginx.mjs';
import { autocannon, available, cpuPerRequest, fmt, hey, machine, wrk } from './lib/tools.mjs';

const cpuSeconds = ({ user, system }) => (user + system) / 1e6;

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
const workerCounts = (process.env.BENCH_WORKERS ?? '1').split(',').map(Number);
// socket: the loadgen's own HTTP/1.1 client; undici: undici's Pool (see LoadOptions.engine); default:
// no engine option, so whichever the loadgen picks (named in the row from the result's settings).
const engines = (process.env.BENCH_ENGINES ?? 'default,undici').split(',');
// Rounds interleave the tools, so a burst of background load hits all of them, not one; each tool's
// row is its median round.
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
const samples = [];
for (let round = 0; round < rounds; round++) {
  const rows = [];
  for (const engine of engines) {
    for (const workers of workerCounts) {
      rows.push(
        await withNginx(async (_url, address) => {
          const cpu = process.cpuUsage();
          const r = await runLoad({
            address,
            targets: [{ host: 'bench.localhost', expectBody: NGINX_BODY }],
            model: 'closed',
            connections,
            durationMs: durationS * 1000,
            workers,
            ...(engine === 'default' ? {} : { engine }),
          });
          return {
            tool: `loadgen ${r.settings.engine}${engine === 'default' ? ' (default)' : ''}${workers === 1 ? '' : ` -w${workers}`}`,
            isDefault: engine === 'default' && workers === 1,
            engine: r.settings.engine,
            rps: r.summary.rate,
            cpuUsPerRequest: cpuPerRequest(cpuSeconds(process.cpuUsage(cpu)), r.summary.requests),
            requests: r.summary.requests,
            errors: r.summary.errors,
            p50: r.summary.latency.p50,
            p99: r.summary.latency.p99,
          };
        }),
      );
    }
  }
  if (available('autocannon')) {
    for (const workers of workerCounts) {
      rows.push(
        await withNginx(async (url) => ({
          tool: workers === 1 ? 'autocannon' : `autocannon -w${workers}`,
          ...(await autocannon({ url, connections, durationS, ...(workers > 1 ? { workers } : {}) })),
        })),
      );
    }
  }
  rows.push(await withNginx(async (url) => ({ tool: 'wrk -t1', ...(await wrk({ url, connections, durationS })) })));
  if (available('hey'))
    rows.push(await withNginx(async (url) => ({ tool: 'hey', ...(await hey({ url, connections, durationS })) })));
  console.log(`round ${round + 1}: ${rows.map((r) => `${r.tool}=${fmt(r.rps, 0)}`).join(' ')}`);
  samples.push(rows);
}
const rows = samples[0].map((_first, i) => {
  const sorted = samples.map((rs) => rs[i]).sort((a, b) => a.rps - b.rps);
  const cpus = samples
    .map((rs) => rs[i].cpuUsPerRequest)
    .filter((c) => c !== undefined)
    .sort((a, b) => a - b);
  return {
    ...sorted[Math.floor(sorted.length / 2)],
    rounds: samples.map((rs) => rs[i].rps),
    cpuUsPerRequest: cpus[Math.floor(cpus.length / 2)],
  };
});

const loadgens = rows.filter((r) => r.tool.startsWith('loadgen'));
const ac = rows.find((r) => r.tool === 'autocannon');
const wrkRow = rows.find((r) => r.tool.startsWith('wrk'));
console.log(
  `\nclosed model, ${connections} connections, ${durationS} s per tool, median of ${rounds} round(s), nginx 1 worker on 127.0.0.1`,
);
console.log(
  `${'tool'.padEnd(24)} |    req/s | CPU us/req | ${loadgens.map((l) => `${l.tool} / tool`.padStart(30)).join(' | ')} | notes`,
);
for (const r of rows) {
  const notes = r.p50 !== undefined ? `p50=${fmt(r.p50, 2)} ms p99=${fmt(r.p99, 2)} ms errors=${r.errors ?? 0}` : '';
  const ratios = loadgens.map((l) => fmt(l.rps / r.rps, 2).padStart(30)).join(' | ');
  const cpu = r.cpuUsPerRequest === undefined ? '–' : fmt(r.cpuUsPerRequest, 1);
  console.log(`${r.tool.padEnd(24)} | ${fmt(r.rps, 0).padStart(8)} | ${cpu.padStart(10)} | ${ratios} | ${notes}`);
}
for (const l of loadgens) {
  const vs = [
    ac ? `${fmt(l.rps / ac.rps, 2)} x autocannon` : null,
    wrkRow ? `${fmt(l.rps / wrkRow.rps, 2)} x wrk` : null,
  ];
  const perRound = ac
    ? `; per round vs autocannon: ${l.rounds.map((rps, k) => fmt(rps / ac.rounds[k], 2)).join(' ')}`
    : '';
  console.log(`${l.tool}: ${vs.filter(Boolean).join(', ')} (medians)${perRound}`);
}
// The number issue 3's target is about: what `prload load` and `prload run` get without --engine.
const byDefault = loadgens.find((l) => l.isDefault);
if (byDefault && ac) {
  console.log(
    `default engine (${byDefault.engine}): ${fmt(byDefault.rps / ac.rps, 2)} x autocannon (median; target >= 1.25)`,
  );
}
console.log(`RESULT ${JSON.stringify({ bench: 'closed-throughput', rows })}`);
