import { ArtifactCommitUnknownError, GitHubContextError } from '../errors.js';
import type { GitHubContext } from './github-context.js';
import type { PublishCommentResult } from './publish-comment.js';
import { type PublishFromArtifactOptions, publishFromArtifact } from './publish-from-artifact.js';

export interface PublishTrustedArtifactOptions
  extends Omit<PublishFromArtifactOptions, 'repository' | 'headSha' | 'apiUrl'> {
  /** The trusted workflow's context (resolveGitHubContext): its repository, API and triggering workflow_run. */
  readonly context: GitHubContext;
  /** The commit the artifact must be for, outside a workflow_run workflow (e.g. `--sha`). @default none */
  readonly sha?: string;
}

/**
 * Posts a comment artifact only when it can be checked: the artifact may come from a fork's run, so its PR and
 * commit are trusted only once they match the commit of the triggering `workflow_run` (or an explicitly given
 * `sha` outside one) and that PR's current head (see publishFromArtifact). Without either commit it refuses with
 * ArtifactCommitUnknownError, before reading the artifact or calling GitHub.
 */
export async function publishTrustedArtifact(
  dir: string,
  options: PublishTrustedArtifactOptions,
): Promise<PublishCommentResult & { readonly pr: number }> {
  const { context, sha, ...rest } = options;
  if (!context.repository) throw new GitHubContextError('--repo: required outside GitHub Actions (owner/name)');
  // The workflow_run's head comes from GitHub's own event, so it wins over anything passed in.
  const headSha = context.workflowRun?.headSha ?? sha;
  if (headSha === undefined) {
    throw new ArtifactCommitUnknownError(
      '--from-artifact: run it from a workflow_run workflow, or pass --sha with the commit the artifact must be for',
    );
  }
  return publishFromArtifact(dir, { ...rest, repository: context.repository, apiUrl: context.apiUrl, headSha });
}
