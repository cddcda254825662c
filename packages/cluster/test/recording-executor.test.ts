import { describe, expect, it } from 'vitest';
import { createRecordingExecutor } from '../src/recording-executor.js';

describe('createRecordingExecutor', () => {
  it('records calls and answers with the fallback when nothing matches', async () => {
    const executor = createRecordingExecutor({ fallback: { stdout: 'x' } });
    const result = await executor.run('/usr/local/bin/kind', ['get', 'clusters'], { env: { A: '1' } });
    expect(result).toEqual({ stdout: 'x', stderr: '', exitCode: 0 });
    expect(executor.calls).toEqual([
      { file: '/usr/local/bin/kind', args: ['get', 'clusters'], options: { env: { A: '1' } } },
    ]);
    expect(executor.commandLines()).toEqual(['kind get clusters']);
  });

  it('matches by whole-word command prefix and answers in turn, repeating the last answer', async () => {
    const executor = createRecordingExecutor({
      responses: [{ match: 'kind create', results: [{ exitCode: 1 }, { exitCode: 0, stdout: 'ok' }] }],
    });
    expect((await executor.run('kind', ['create', 'cluster'])).exitCode).toBe(1);
    expect((await executor.run('kind', ['create', 'cluster'])).stdout).toBe('ok');
    expect((await executor.run('kind', ['create', 'cluster'])).stdout).toBe('ok');
    // 'kind create' must not match 'kind createx'.
    expect((await executor.run('kind', ['createx'])).stdout).toBe('');
  });

  it('accepts predicates and async results', async () => {
    const executor = createRecordingExecutor({
      responses: [{ match: (c) => c.args.includes('--short'), results: [async (c) => ({ stdout: c.args.join(',') })] }],
    });
    expect((await executor.run('helm', ['version', '--short'])).stdout).toBe('version,--short');
  });

  it('rejects when the signal is already aborted', async () => {
    const executor = createRecordingExecutor();
    await expect(executor.run('kind', [], { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
  });
});
