import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HEY = process.env.PRLOAD_HEY ?? '/root/.cache/prload/tools/hey/hey';
const AUTOCANNON = `${ROOT}node_modules/autocannon/autocannon.js`;

const TIME = '/usr/bin/time';
/** CPU seconds (user + system) of the last program run through `run`, when /usr/bin/time is there. */
export let lastCpuSeconds;

/**
 * Runs a program to completion (bounded by timeoutMs) and returns its stdout. Under /usr/bin/time
 * when installed, so the tool's own CPU time can be compared per request (steadier than req/s on a
 * shared machine).
 */
export function run(file, args, timeoutMs = 120_000) {
  const timed = existsSync(TIME);
  const [program, argv] = timed ? [TIME, ['-f', 'prload-cpu %U %S', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    execFile(program, argv, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      const cpu = /prload-cpu ([\d.]+) ([\d.]+)/.exec(stderr);
      lastCpuSeconds = cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined;
      resolve(stdout);
    });
  });
}

/** Microseconds of CPU per request, or undefined when not measured. */
export const cpuPerRequest = (cpuSeconds, requests) =>
  cpuSeconds === undefined || !requests ? undefined : (cpuSeconds * 1e6) / requests;

export function available(tool) {
  if (tool === 'hey') return existsSync(HEY);
  if (tool === 'autocannon') return existsSync(AUTOCANNON);
  return true;
}

/** autocannon in its own process (so it gets its own core, as our generator does); returns req/s and totals. */
export async function autocannon({ url, connections, durationS, rate, pipelining = 1, workers }) {
  const args = [AUTOCANNON, '--json', '-c', String(connections), '-d', String(durationS), '-p', String(pipelining)];
  if (workers) args.push('-w', String(workers));
  if (rate) args.push('-R', String(rate));
  args.push(url);
  const out = JSON.parse(await run(process.execPath, args));
  return {
    requests: out.requests.total,
    rps: out.requests.total / durationS,
    cpuUsPerRequest: cpuPerRequest(lastCpuSeconds, out.requests.total),
    errors: out.errors + out.non2xx,
    p50: out.latency.p50,
    p99: out.latency.p99,
  };
}

export async function wrk({ url, connections, durationS, threads = 1 }) {
  const out = await run('wrk', [
    '-t',
    String(threads),
    '-c',
    String(connections),
    '-d',
    `${durationS}s`,
    '--latency',
    url,
  ]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  return { requests, rps, cpuUsPerRequest: cpuPerRequest(lastCpuSeconds, requests) };
}

export async function hey({ url, connections, durationS }) {
  const out = await run(HEY, ['-c', String(connections), '-z', `${durationS}s`, url], (durationS + 60) * 1000);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/\[200\]\s+(\d+) responses/.exec(out)?.[1]);
  return { requests, rps, cpuUsPerRequest: cpuPerRequest(lastCpuSeconds, requests) };
}

/**
 * Counts arrivals in fixed windows starting `skipMs` after the first arrival (the warmup); only
 * full windows inside durationMs count.
 */
export function windows(arrivals, windowMs, durationMs, skipMs = 0) {
  const sorted = [...arrivals].sort((a, b) => a - b);
  const first = (sorted[0] ?? 0) + skipMs;
  const n = Math.floor(durationMs / windowMs);
  const counts = new Array(n).fill(0);
  let inside = 0;
  for (const t of sorted) {
    const i = Math.floor((t - first) / windowMs);
    if (i >= 0 && i < n) {
      counts[i]++;
      inside++;
    }
  }
  const mean = inside / n;
  const max = Math.max(...counts);
  const min = Math.min(...counts);
  return { total: sorted.length, inside, mean, max, min, maxOverMean: max / mean, minOverMean: min / mean };
}

/** Machine facts for RESULTS.md. */
export async function machine() {
  const os = await import('node:os');
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadavg: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };
}

export const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
