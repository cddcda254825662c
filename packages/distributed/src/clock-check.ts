/**
 * What a shard's notice delay (when it saw the start minus when the coordinator wrote it, each by its own
 * clock) proves about its clock. The delay is the clocks' offset plus the notice's delivery time, and
 * delivery takes no negative time, so a negative delay is a lower bound of how far the shard's clock is
 * behind the coordinator's: the shard started that much later than the shared start, unseen by its own
 * start lag (which its own clock measures). Beyond the run's send-lag bound the shard is off the one
 * timeline. A positive delay cannot be told apart from a slow notice; a shard that saw the start after
 * it passed already reports the start lag.
 */
export function clockProblem(noticeDelayMs: number | undefined, maxSendLagP99Ms: number): string | undefined {
  if (noticeDelayMs === undefined || noticeDelayMs >= -maxSendLagP99Ms) return undefined;
  return `its clock is at least ${(-noticeDelayMs).toFixed(0)} ms behind the coordinator's (bound ${maxSendLagP99Ms} ms), so it started that much after the shared start`;
}
