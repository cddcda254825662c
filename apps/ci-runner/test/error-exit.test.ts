import { KindConfigError, KwokConfigError, ToolNotFoundError } from '@prload/cluster/internal';
import { ChartNotFoundError, DeployConfigError, ImageReferenceError } from '@prload/deploy';
import { LoadOptionsError, ThresholdEvaluationError, ThresholdSyntaxError } from '@prload/loadgen';
import { ProbeTimeoutError } from '@prload/probe';
import { ProbeOptionsError } from '@prload/probe/internal';
import { ThresholdCheckError } from '@prload/report';
import { ReportReadError, ReportWriteError } from '@prload/report/internal';
import { ResourceSourceUnavailableError, ResourceThresholdSyntaxError } from '@prload/resources';
import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../src/error-exit.js';
import { EXIT } from '../src/exit-codes.js';

// Each package's errors say what they are; the CLI keeps no list of their codes. The first four were
// the codes a hand-kept list missed (they exited 1).
describe('exitCodeOf', () => {
  it.each([
    ['DeployConfigError', new DeployConfigError('apps[1].name: duplicate')],
    ['KindConfigError', new KindConfigError('kind.hostPorts.http: must be 1..65535')],
    ['KwokConfigError', new KwokConfigError('workers: must be 1..100')],
    ['ThresholdEvaluationError', new ThresholdEvaluationError('x:p95<1ms', 'no such host')],
    ['ImageReferenceError', new ImageReferenceError('chart.image: not a reference')],
    ['LoadOptionsError', new LoadOptionsError('rate', 'must be positive')],
    ['ThresholdSyntaxError', new ThresholdSyntaxError('p95<', 'missing a limit')],
    ['ProbeOptionsError', new ProbeOptionsError('timeoutMs: must be positive')],
    ['ReportReadError', new ReportReadError('base.json: cannot read the report')],
    ['ResourceThresholdSyntaxError', new ResourceThresholdSyntaxError('cpu_max<5ms', 'unknown unit')],
    ['ThresholdCheckError', new ThresholdCheckError([new ThresholdSyntaxError('p95<', 'missing a limit')])],
  ])('%s is bad input: exit 2', (_, error) => {
    expect(exitCodeOf(error)).toBe(EXIT.BAD_INPUT);
  });

  it.each([
    ['ToolNotFoundError', new ToolNotFoundError('kind not found on PATH')],
    ['ChartNotFoundError', new ChartNotFoundError('charts/http-echo not found')],
    ['ProbeTimeoutError', new ProbeTimeoutError('foo.localhost never answered', [])],
    ['ReportWriteError', new ReportWriteError('disk full')],
    ['ResourceSourceUnavailableError', new ResourceSourceUnavailableError('nodes/proxy forbidden')],
    ['a plain Error', new Error('boom')],
  ])('%s is the infrastructure: exit 1', (_, error) => {
    expect(exitCodeOf(error)).toBe(EXIT.INFRASTRUCTURE);
  });

  it('is interrupted (130) once the signal fired, whatever the error', () => {
    const controller = new AbortController();
    controller.abort();
    expect(exitCodeOf(new DeployConfigError('x'), controller.signal)).toBe(EXIT.INTERRUPTED);
  });
});
