/** Prints a progress line after the first second of load and then every ~5 s, so a CI log shows the run is alive without flooding it. */
export function progressPrinter(
  log: (line: string) => void,
  durationMs: number,
): (progress: { elapsedMs: number; requests: number; errors: number; inFlight: number }) => void {
  let lastPrinted = -4_000;
  return (progress) => {
    if (progress.elapsedMs - lastPrinted < 5_000 && progress.elapsedMs < durationMs) return;
    lastPrinted = progress.elapsedMs;
    const seconds = Math.round(progress.elapsedMs / 1000);
    log(
      `  load: ${seconds}s/${Math.round(durationMs / 1000)}s  ${progress.requests} requests, ${progress.errors} errors, ${progress.inFlight} in flight`,
    );
  };
}
