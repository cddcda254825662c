import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Upstream charts kept unmodified next to the checkout for offline tests
 * (`../shared/third_party`, see its README): these machines reach no chart registry.
 * `PRLOAD_THIRD_PARTY_DIR` points elsewhere. Where the folder is absent (a runner with
 * internet, which installs from the real registries), the tests that need it skip and
 * their title says why.
 */
export const THIRD_PARTY_DIR =
  process.env['PRLOAD_THIRD_PARTY_DIR'] ?? fileURLToPath(new URL('../../../../../shared/third_party', import.meta.url));

export interface ThirdPartyChart {
  /** The chart folder, when present. */
  readonly path: string | undefined;
  /** The describe() title: the chart's name, or why its tests are skipped. */
  readonly title: string;
}

export function thirdPartyChart(folder: string, title: string): ThirdPartyChart {
  const path = join(THIRD_PARTY_DIR, folder);
  if (existsSync(join(path, 'Chart.yaml'))) return { path, title };
  const skipped = `${title} — skipped: no ${path}/Chart.yaml (set PRLOAD_THIRD_PARTY_DIR)`;
  // The default reporter shows a skipped file without its titles; say why once, on stderr.
  console.warn(skipped);
  return { path: undefined, title: skipped };
}
