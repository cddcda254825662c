import type { Config } from '../config/schema.js';
import type { Driver } from './driver.js';
import { localDriver } from './local-driver.js';

export interface DriverContext {
  readonly runId: string;
  readonly log: (line: string) => void;
}

/** The driver of the configured provider. */
export function driverFor(config: Config, _context: DriverContext): Driver {
  switch (config.cluster.provider) {
    case 'local':
      return localDriver(config);
    default:
      throw new Error(`provider ${config.cluster.provider} is not wired yet`);
  }
}
