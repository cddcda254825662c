import { existsSync, readFileSync } from 'node:fs';

/**
 * A suite harness's totals from vitest's JSON report and exit code. Skipped and todo tests prove nothing, so they
 * count as failed, as in scripts/test.mjs; a vitest that failed without a failed test (a file that would not load,
 * no report at all) counts as one failure. `failures` names each failed test with its first message line.
 */
export function vitestTotals(report, exitCode) {
  let passed = 0;
  let failed = 0;
  const failures = [];
  if (existsSync(report)) {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed = results.numPassedTests;
    failed = results.numFailedTests + results.numPendingTests + results.numTodoTests;
    for (const suite of results.testResults ?? []) {
      for (const test of suite.assertionResults ?? []) {
        if (test.status === 'passed') continue;
        failures.push(`${test.fullName}: ${(test.failureMessages?.[0] ?? test.status).split('\n')[0].slice(0, 300)}`);
      }
    }
  }
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed, failed, failures };
}
