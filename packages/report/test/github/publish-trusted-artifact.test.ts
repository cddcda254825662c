import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArtifactCommitUnknownError, CommentArtifactError, GitHubContextError } from '../../src/errors.js';
import { saveCommentArtifact } from '../../src/github/comment-artifact.js';
import type { GitHubContext } from '../../src/github/github-context.js';
import { publishTrustedArtifact } from '../../src/github/publish-trusted-artifact.js';
import { FakeGitHub } from '../fixtures/fake-github.js';

const TOKEN = 'ghs_WorkflowRunToken000000000000000000000';
const REPO = 'octo/app';
const HEAD = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

let github: FakeGitHub;
let dir: string;
beforeEach(async () => {
  github = new FakeGitHub({ writeTokens: [TOKEN], repositories: [REPO] });
  await github.start();
  github.pulls.set(`${REPO}#12`, { headSha: HEAD, headRepo: 'forker/app' });
  dir = await mkdtemp(join(tmpdir(), 'prload-trusted-'));
  await saveCommentArtifact(dir, { body: '### ✅ prload: passed', pr: 12, repository: REPO, sha: HEAD });
});
afterEach(async () => {
  await github.stop();
});

function context(overrides: Partial<GitHubContext> = {}): GitHubContext {
  return { repository: REPO, apiUrl: github.baseUrl, serverUrl: 'https://github.com', isFork: false, ...overrides };
}

const publish = (ctx: GitHubContext, sha?: string) =>
  publishTrustedArtifact(dir, {
    context: ctx,
    ...(sha ? { sha } : {}),
    token: TOKEN,
    retry: { retries: 0, baseDelayMs: 1 },
    env: {},
  });

const workflowRun = (headSha: string) => ({ headSha, pullRequests: [], event: 'pull_request' });

describe('publishTrustedArtifact', () => {
  it('posts the artifact whose commit is the triggering workflow_run’s head, and that PR’s head', async () => {
    const result = await publish(context({ workflowRun: workflowRun(HEAD) }));
    expect(result).toMatchObject({ action: 'created', pr: 12 });
    expect(github.list(REPO, 12)).toHaveLength(1);
  });

  it('the workflow_run’s head wins over a given commit: an input cannot redirect the comment', async () => {
    await expect(publish(context({ workflowRun: workflowRun(OTHER) }), HEAD)).rejects.toBeInstanceOf(
      CommentArtifactError,
    );
    expect(github.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('outside a workflow_run, an explicit commit is checked the same way', async () => {
    await expect(publish(context(), HEAD)).resolves.toMatchObject({ action: 'created', pr: 12 });
    await expect(publish(context(), OTHER)).rejects.toThrow(/tested commit a{40} but the workflow_run is for b{40}/);
  });

  it('refuses an artifact it cannot check against any commit, before reading it or calling GitHub', async () => {
    const error = await publish(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactCommitUnknownError);
    expect(error).toMatchObject({ code: 'REPORT_ARTIFACT_COMMIT_UNKNOWN', kind: 'bad-input' });
    expect((error as Error).message).toBe(
      '--from-artifact: run it from a workflow_run workflow, or pass --sha with the commit the artifact must be for',
    );
    expect(github.requests).toEqual([]);
  });

  it('needs the repository the workflow runs in', async () => {
    const error = await publish(context({ repository: undefined, workflowRun: workflowRun(HEAD) })).catch((e) => e);
    expect(error).toBeInstanceOf(GitHubContextError);
    expect((error as GitHubContextError).kind).toBe('bad-input');
    expect(github.requests).toEqual([]);
  });
});
