/** prload's exit codes; documented in the README. */
export const EXIT = {
  /** Everything ran and every threshold held. */
  OK: 0,
  /** The cluster, deploy, probe or publishing failed: the answer is unknown, not "slow". */
  INFRASTRUCTURE: 1,
  /** Bad flags, config or threshold expressions. */
  BAD_INPUT: 2,
  /** The run completed and a threshold was breached. */
  THRESHOLD_BREACHED: 3,
  /** The load generator could not keep its schedule, so the numbers cannot be trusted. */
  INVALID_RUN: 4,
  /** Stopped by SIGINT or SIGTERM; partial results were written. 128 + SIGINT, as shells report it. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
