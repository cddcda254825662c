import { describe, expect, it } from 'vitest';
import { checkLoadThreshold, type ThresholdRun } from '../src/check-load-threshold.js';
import { ThresholdEvaluationError } from '../src/errors.js';
import { parseThreshold } from '../src/thresholds.js';

const open: ThresholdRun = { hosts: ['a.localhost', 'b.localhost'], model: 'open' };
const closed: ThresholdRun = { ...open, model: 'closed' };

const check = (expression: string, run: ThresholdRun, problem: string | undefined) => {
  const attempt = () => checkLoadThreshold(parseThreshold(expression), run);
  if (problem === undefined) {
    expect(attempt).not.toThrow();
    return;
  }
  expect(attempt).toThrow(ThresholdEvaluationError);
  expect(attempt).toThrow(`threshold "${expression}": ${problem}`);
};

describe('checkLoadThreshold', () => {
  it.each<[string, ThresholdRun, string | undefined]>([
    ['p95<200ms', open, undefined],
    ['a.localhost:p95<200ms', open, undefined],
    ['rate>=99%', open, undefined],
    ['rate>=500/s', closed, undefined],
    ['b.localhost:rate>=99%', open, undefined],
    ['c.localhost:p95<1s', open, 'no load target has host "c.localhost" (hosts: a.localhost, b.localhost)'],
    ['rate>=99%', closed, 'a closed-model run has no target rate; use an absolute rate such as rate>=500/s'],
    ['a.localhost:rate>99%', closed, 'a closed-model run has no target rate; use an absolute rate such as rate>=500/s'],
  ])('%s (%o)', check);
});
