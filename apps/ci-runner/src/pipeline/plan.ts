import type { Config } from '../config/schema.js';
import type { CliIo } from '../io.js';
import { loadTargets } from './targets.js';

/** `--dry-run`: prints what a run would do, executing nothing. */
export async function printPlan(config: Config, io: CliIo, run: { runId: string; seed: number }): Promise<void> {
  io.stdout(`# prload plan: run ${run.runId}, provider ${config.cluster.provider}, seed ${run.seed}`);
  io.stdout(`load targets: ${JSON.stringify(loadTargets(config))}`);
}
