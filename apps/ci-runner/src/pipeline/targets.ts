import type { LoadTarget } from '@prload/loadgen';
import type { Config } from '../config/schema.js';

/**
 * The load targets: the configured ones, or every app equally. Each carries
 * the body its app answers, so a misrouted request counts as an error.
 */
export function loadTargets(config: Config): LoadTarget[] {
  const appByHost = new Map(config.apps.map((app) => [app.host, app]));
  const targets: NonNullable<Config['load']['targets']> =
    config.load.targets ?? config.apps.map((app) => ({ host: app.host, path: '/', weight: 1 }));
  return targets.map((target) => ({
    host: target.host,
    path: target.path,
    weight: target.weight,
    // Each target's own expectations, else its app's: a misrouted answer is then a body mismatch.
    expectStatus: target.expectStatus ?? 200,
    expectBody: target.expectBody ?? `${appByHost.get(target.host)!.text}\n`,
  }));
}

/** What each host should answer when probed: status 200 and its app's text. */
export function probeTargets(config: Config) {
  return config.apps.map((app) => ({ host: app.host, path: '/', expectStatus: 200, expectBody: `${app.text}\n` }));
}
