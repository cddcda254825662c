import { describe, expect, it } from 'vitest';
import { createExecutor } from '../src/exec.js';
import { CommandNotFoundError, CommandTimeoutError } from '../src/exec-errors.js';

const node = process.execPath;

describe('createExecutor', () => {
  const executor = createExecutor();

  it('returns stdout, stderr and the exit code of a real program without throwing on failure', async () => {
    const result = await executor.run(node, ['-e', 'console.log("out"); console.error("err"); process.exit(3)']);
    expect(result).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 3 });
  });

  it('passes env and stdin through', async () => {
    const result = await executor.run(
      node,
      ['-e', 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(process.env.PRLOAD_X+":"+s))'],
      { env: { PRLOAD_X: 'x' }, input: 'in' },
    );
    expect(result.stdout).toBe('x:in\n');
  });

  it('closes stdin when no input is given, so a program reading it ends', async () => {
    const result = await executor.run(node, ['-e', 'process.stdin.on("data",()=>{}).on("end",()=>console.log("eof"))']);
    expect(result.stdout).toBe('eof\n');
  });

  it('throws CommandNotFoundError for a program that does not exist', async () => {
    const error = await executor.run('/nonexistent/prload-tool', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandNotFoundError);
    expect((error as CommandNotFoundError).code).toBe('CLUSTER_COMMAND_NOT_FOUND');
  });

  it('kills a program that outlives timeoutMs', async () => {
    const error = await executor
      .run(node, ['-e', 'setInterval(()=>{},1000)'], { timeoutMs: 200 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandTimeoutError);
  });

  it('rejects with the signal reason when aborted', async () => {
    const controller = new AbortController();
    const running = executor.run(node, ['-e', 'setInterval(()=>{},1000)'], { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
  });
});
