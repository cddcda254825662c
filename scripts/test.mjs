#!/usr/bin/env node
// Runs every package's tests through Nx (cached, or affected-only with `--affected`),
// then prints one line with the totals read from each package's vitest JSON report.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const affected = args.includes('--affected');
const nxArgs = affected ? ['affected', '-t', 'test'] : ['run-many', '-t', 'test'];
const passthrough = args.filter((a) => a !== '--affected');

const nx = spawnSync('npx', ['nx', ...nxArgs, '--output-style=stream', ...passthrough], { stdio: 'inherit' });

let passed = 0;
let failed = 0;
const reports = [];
for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const file = join(group, name, 'test-results', 'vitest.json');
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    // Skipped and todo tests prove nothing, so they count against the run.
    failed += report.numFailedTests + report.numPendingTests + report.numTodoTests;
    reports.push(`${group}/${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  }
}
for (const line of reports) console.log(line);
// A package whose tests crashed before writing a report still fails the run.
if (nx.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(nx.status === 0 && failed === 0 ? 0 : 1);
