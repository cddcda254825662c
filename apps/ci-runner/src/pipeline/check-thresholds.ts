import {
  type CheckedThresholds,
  type CheckThresholdsOptions,
  checkThresholds as checkAgainstRun,
  ThresholdCheckError,
} from '@prload/report';
import { ConfigError } from '../errors.js';

/**
 * Parses and checks every `--threshold` before anything is created (`@prload/report`'s
 * `checkThresholds`), so a typo costs a second, not a cluster: a bad one is bad input, one line
 * per expression, naming the flag.
 */
export function checkThresholds(expressions: readonly string[], run: CheckThresholdsOptions): CheckedThresholds {
  try {
    return checkAgainstRun(expressions, run);
  } catch (error) {
    if (!(error instanceof ThresholdCheckError)) throw error;
    throw new ConfigError(
      error.problems.map((problem) => `--threshold: ${problem}`),
      undefined,
      { cause: error },
    );
  }
}
