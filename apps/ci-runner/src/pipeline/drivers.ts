import type { Config } from '../config/schema.js';
import type { Driver } from './driver.js';
import { kubeDriver } from './kube-driver.js';
import { localDriver } from './local-driver.js';

export interface DriverContext {
  readonly runId: string;
  readonly log: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The driver of the configured provider. */
export function driverFor(config: Config, context: DriverContext): Driver {
  return config.cluster.provider === 'local' ? localDriver(config) : kubeDriver(config, context);
}
