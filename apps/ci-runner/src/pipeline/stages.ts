import { formatDuration } from '../config/duration.js';

/** How one stage of the pipeline went; goes into the report. */
export interface StageRecord {
  readonly name: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly error?: string;
}

/** Runs the pipeline's stages one after the other, printing when each starts and ends, and how long it took. */
export class Stages {
  readonly records: StageRecord[] = [];
  readonly #log: (line: string) => void;
  #failed: StageRecord | undefined;

  constructor(log: (line: string) => void) {
    this.#log = log;
  }

  /** The first stage that failed, if any. */
  get failed(): StageRecord | undefined {
    return this.#failed;
  }

  async run<T>(name: string, description: string, work: () => Promise<T>): Promise<T> {
    const startedAt = new Date();
    const started = performance.now();
    this.#log(`▶ ${name}: ${description}`);
    try {
      const result = await work();
      const durationMs = performance.now() - started;
      this.records.push({ name, startedAt: startedAt.toISOString(), durationMs, ok: true });
      this.#log(`✔ ${name} (${formatDuration(durationMs)})`);
      return result;
    } catch (error) {
      const durationMs = performance.now() - started;
      const message = error instanceof Error ? error.message : String(error);
      const record = { name, startedAt: startedAt.toISOString(), durationMs, ok: false, error: message };
      this.records.push(record);
      this.#failed ??= record;
      this.#log(`✖ ${name} failed after ${formatDuration(durationMs)}`);
      throw error;
    }
  }
}
