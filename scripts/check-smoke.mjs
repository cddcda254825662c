#!/usr/bin/env node
// Checks a smoke run's JSON: requests reached both hosts and every one was answered with the right body.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const problems = [];
if (report.schemaVersion !== 1) problems.push(`schemaVersion is ${report.schemaVersion}`);
if (report.verdict !== 'passed') problems.push(`verdict is ${report.verdict}`);
for (const host of ['foo.localhost', 'bar.localhost']) {
  const stats = report.hosts?.[host];
  if (!stats) problems.push(`no results for ${host}`);
  else if (stats.requests === 0) problems.push(`${host} got no requests`);
  else if (stats.errors !== 0)
    problems.push(`${host} had ${stats.errors} errors (${JSON.stringify(stats.errorKinds)})`);
}
for (const key of ['p50', 'p90', 'p95', 'p99', 'max']) {
  if (typeof report.summary?.latency?.[key] !== 'number') problems.push(`summary.latency.${key} missing`);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`smoke: ${problem}`);
  process.exit(1);
}
console.log(`smoke: ${report.summary.requests} requests, ${report.summary.rate.toFixed(1)} req/s, every answer right`);
