import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChildCommand, ChildEvent } from './child-protocol.js';
import { LocalClusterError } from './errors.js';

/** How long a child may take to exit after SIGTERM before it is killed. */
const EXIT_GRACE_MS = 5_000;
/** How long a child may take to answer a command; Node starts in well under a second. */
const ANSWER_DEADLINE_MS = 15_000;

/** A child process of the local cluster, spoken to over IPC. */
export class Child {
  readonly #process: ChildProcess;
  readonly #label: string;
  #exited = false;

  private constructor(process: ChildProcess, label: string) {
    this.#process = process;
    this.#label = label;
    process.once('exit', () => {
      this.#exited = true;
    });
  }

  /** Forks a child and waits for it to report that it is ready for commands. */
  static async start(label: string, signal?: AbortSignal): Promise<Child> {
    const child = new Child(
      fork(childEntry(), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' }),
      label,
    );
    try {
      await child.#waitFor('ready', signal);
    } catch (error) {
      await child.stop();
      throw error;
    }
    return child;
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  /** Sends a command and resolves with the child's answer of the expected type. */
  async request<T extends ChildEvent['type']>(
    command: ChildCommand,
    answer: T,
    signal?: AbortSignal,
  ): Promise<Extract<ChildEvent, { type: T }>> {
    const reply = this.#waitFor(answer, signal);
    this.#process.send(command);
    return reply;
  }

  /** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.#exited || this.#process.exitCode !== null || this.#process.signalCode !== null) return;
    const exited = once(this.#process, 'exit');
    this.#process.kill('SIGTERM');
    const timer = setTimeout(() => this.#process.kill('SIGKILL'), EXIT_GRACE_MS);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  #waitFor<T extends ChildEvent['type']>(type: T, signal?: AbortSignal): Promise<Extract<ChildEvent, { type: T }>> {
    const deadline = AbortSignal.timeout(ANSWER_DEADLINE_MS);
    const cancel = signal ? AbortSignal.any([signal, deadline]) : deadline;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        this.#process.off('message', onMessage);
        this.#process.off('exit', onExit);
        cancel.removeEventListener('abort', onAbort);
      };
      const onMessage = (event: ChildEvent) => {
        if (event.type === type) {
          cleanup();
          resolve(event as Extract<ChildEvent, { type: T }>);
        } else if (event.type === 'error') {
          cleanup();
          reject(new LocalClusterError(`${this.#label}: ${event.message}`));
        }
      };
      const onExit = (code: number | null, signalName: string | null) => {
        cleanup();
        reject(
          new LocalClusterError(`${this.#label}: process exited (${signalName ?? `code ${code}`}) before answering`),
        );
      };
      const onAbort = () => {
        cleanup();
        reject(
          signal?.aborted
            ? new LocalClusterError(`${this.#label}: aborted`, { cause: signal.reason })
            : new LocalClusterError(`${this.#label}: no answer within ${ANSWER_DEADLINE_MS / 1000}s`),
        );
      };
      if (cancel.aborted) return onAbort();
      this.#process.on('message', onMessage);
      this.#process.once('exit', onExit);
      cancel.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * The compiled child entry. Under a TypeScript test runner this module is
 * loaded from `src/`, where only the `.ts` exists, so fall back to the build
 * output, which Nx builds before tests run.
 */
function childEntry(): string {
  const compiled = fileURLToPath(new URL('./replica-process.js', import.meta.url));
  if (existsSync(compiled)) return compiled;
  const built = compiled.replace(/([/\\])src([/\\]local[/\\]replica-process\.js)$/, '$1dist$2');
  if (existsSync(built)) return built;
  throw new LocalClusterError(`cannot find the local cluster's child entry (${built}); build @prload/cluster first`);
}
