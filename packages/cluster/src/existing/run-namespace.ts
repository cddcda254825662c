import { ExistingClusterError } from './errors.js';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Namespace names are DNS labels: at most 63 characters. */
const MAX_NAMESPACE_LENGTH = 63;
const PREFIX = 'prload-';

/** `prload-<runId>`: each run on a shared cluster gets its own namespace, so runs never see each other's apps. */
export function runNamespace(runId: string): string {
  const namespace = `${PREFIX}${runId}`;
  if (!LABEL.test(runId) || namespace.length > MAX_NAMESPACE_LENGTH) {
    throw new ExistingClusterError(
      `runId: must be lowercase letters, digits and '-' and at most ${MAX_NAMESPACE_LENGTH - PREFIX.length} characters (it names namespace prload-<runId>), got ${JSON.stringify(runId)}`,
    );
  }
  return namespace;
}
