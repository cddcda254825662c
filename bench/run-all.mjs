#!/usr/bin/env node
// Runs every benchmark in sequence (never in parallel: they measure CPU-bound rates) and prints
// each one's output; the RESULT lines are machine-readable. Build first: npx nx run @prload/loadgen:build
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = [
  'rate-accuracy.mjs',
  'closed-throughput.mjs',
  'cpu-per-request.mjs',
  'latency-fidelity.mjs',
  'memory.mjs',
  'resource-sampling.mjs',
];
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
