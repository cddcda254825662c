#!/usr/bin/env node
import { main } from '../cli.js';
import { processIo } from '../io.js';

// The first SIGINT/SIGTERM stops the run gracefully: the cluster is deleted
// and partial results are written. A second one exits at once.
const controller = new AbortController();
let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(130);
  process.stderr.write(`\nprload: ${signal} received, cleaning up (press Ctrl-C again to exit at once)\n`);
  controller.abort(new Error(`interrupted by ${signal}`));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await main(process.argv.slice(2), processIo(controller.signal));
