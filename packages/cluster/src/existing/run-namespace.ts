import { DNS_LABEL, DNS_LABEL_MAX_LENGTH } from '../dns-label.js';
import { ExistingClusterError } from './errors.js';

const PREFIX = 'prload-';

/** `prload-<runId>`: each run on a shared cluster gets its own namespace, so runs never see each other's apps. */
export function runNamespace(runId: string): string {
  const namespace = `${PREFIX}${runId}`;
  if (!DNS_LABEL.test(runId) || namespace.length > DNS_LABEL_MAX_LENGTH) {
    throw new ExistingClusterError(
      `runId: must be lowercase letters, digits and '-' and at most ${DNS_LABEL_MAX_LENGTH - PREFIX.length} characters (it names namespace prload-<runId>), got ${JSON.stringify(runId)}`,
    );
  }
  return namespace;
}
