import { ClusterError, type ClusterErrorCode } from '../errors.js';

/** Something a provider needs is missing; `problems` holds one line per problem, each naming its fix. */
export class PrerequisitesError extends ClusterError {
  override name = 'PrerequisitesError';
  override readonly code: ClusterErrorCode = 'CLUSTER_PREREQUISITES';
  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(problems.join('\n'), options);
  }
}
