import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCommentArtifact, saveCommentArtifact } from '../../src/github/comment-artifact.js';
import { publishFromArtifact } from '../../src/github/publish-from-artifact.js';
import { FakeGitHub } from '../fixtures/fake-github.js';

const TOKEN = 'ghs_WorkflowRunToken000000000000000000000';
const REPO = 'octo/app';
const SHA = 'a'.repeat(40);

let github: FakeGitHub;
let dir: string;

beforeEach(async () => {
  github = new FakeGitHub({ writeTokens: [TOKEN], repositories: [REPO] });
  await github.start();
  github.pulls.set(`${REPO}#12`, { headSha: SHA, headRepo: 'forker/app' });
  dir = await mkdtemp(join(tmpdir(), 'prload-artifact-'));
});
afterEach(async () => {
  await github.stop();
});

const publish = (overrides = {}) =>
  publishFromArtifact(dir, {
    token: TOKEN,
    repository: REPO,
    headSha: SHA,
    apiUrl: github.baseUrl,
    retry: { retries: 0, baseDelayMs: 1 },
    env: {},
    ...overrides,
  });

async function writeMeta(meta: unknown, body = 'report'): Promise<void> {
  await writeFile(join(dir, 'prload-comment.json'), JSON.stringify(meta));
  await writeFile(join(dir, 'prload-comment.md'), body);
}

describe('saveCommentArtifact / publishFromArtifact', () => {
  it('round-trips: the pull_request run saves, the workflow_run posts the sticky comment', async () => {
    const saved = await saveCommentArtifact(dir, {
      body: '### ✅ prload: passed\ncc @octocat',
      pr: 12,
      repository: REPO,
      sha: SHA,
    });
    expect(JSON.parse(await readFile(saved.metaPath, 'utf8'))).toEqual({
      schemaVersion: 1,
      pr: 12,
      reportId: 'prload',
      repository: REPO,
      sha: SHA,
    });
    const first = await publish();
    expect(first).toMatchObject({ action: 'created', pr: 12 });
    expect((await publish()).action).toBe('unchanged');
    const comments = github.list(REPO, 12);
    expect(comments).toHaveLength(1);
    // A fork's text must not ping people under the bot's name.
    expect(comments[0]!.body).toBe('<!-- prload-report:prload -->\n### ✅ prload: passed\ncc @\u200boctocat');
  });

  it.each([
    ['a non-integer pr', { pr: '12; rm -rf /' }, /pr must be a positive integer/],
    ['a negative pr', { pr: -1 }, /pr must be a positive integer/],
    ['a fractional pr', { pr: 1.5 }, /pr must be a positive integer/],
    ['an unsafe report id', { reportId: 'x --> <script>' }, /reportId must be/],
    ['a bad repository', { repository: '../../etc' }, /repository must be "owner\/repo"/],
    ['a bad sha', { sha: 'HEAD' }, /sha must be a lowercase hex/],
    ['another schema', { schemaVersion: 2 }, /schemaVersion must be 1/],
  ])('refuses %s', async (_name, change, message) => {
    await writeMeta({ schemaVersion: 1, pr: 12, reportId: 'prload', repository: REPO, sha: SHA, ...change });
    await expect(publish()).rejects.toMatchObject({
      code: 'REPORT_ARTIFACT_INVALID',
      message: expect.stringMatching(message),
    });
    expect(github.requests).toHaveLength(0);
  });

  it('refuses an artifact for another repository, commit or PR', async () => {
    await writeMeta({ schemaVersion: 1, pr: 12, reportId: 'prload', repository: 'evil/app', sha: SHA });
    await expect(publish()).rejects.toThrow(/names repository evil\/app but this workflow runs in octo\/app/);
    await writeMeta({ schemaVersion: 1, pr: 12, reportId: 'prload', repository: REPO, sha: 'b'.repeat(40) });
    await expect(publish()).rejects.toThrow(/tested commit b+ but the workflow_run is for a+/);
    github.pulls.set(`${REPO}#13`, { headSha: 'c'.repeat(40), headRepo: 'other/app' });
    await writeMeta({ schemaVersion: 1, pr: 13, reportId: 'prload', repository: REPO, sha: SHA });
    await expect(publish()).rejects.toThrow(/PR #13 is at c+, not the workflow_run's a+/);
    expect(github.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('refuses to publish without the commit the artifact must be for, before calling GitHub', async () => {
    await saveCommentArtifact(dir, { body: 'report', pr: 12, repository: REPO, sha: SHA });
    for (const headSha of [undefined, '']) {
      await expect(publish({ headSha })).rejects.toMatchObject({
        code: 'REPORT_ARTIFACT_COMMIT_UNKNOWN',
        kind: 'bad-input',
      });
    }
    expect(github.requests).toHaveLength(0);
  });

  it('refuses symlinks, oversized files, missing files and bad JSON', async () => {
    await writeFile(
      join(dir, 'prload-comment.json'),
      JSON.stringify({ schemaVersion: 1, pr: 12, reportId: 'prload', repository: REPO, sha: SHA }),
    );
    await expect(readCommentArtifact(dir)).rejects.toThrow(
      /prload-comment\.md: missing from the comment artifact \(ENOENT\)/,
    );
    await symlink('/etc/hostname', join(dir, 'prload-comment.md'));
    await expect(readCommentArtifact(dir)).rejects.toThrow(/not a regular file/);
    const big = await mkdtemp(join(tmpdir(), 'prload-artifact-'));
    await writeFile(
      join(big, 'prload-comment.json'),
      JSON.stringify({ schemaVersion: 1, pr: 12, reportId: 'prload', repository: REPO, sha: SHA }),
    );
    await writeFile(join(big, 'prload-comment.md'), 'x'.repeat(1024 * 1024 + 1));
    await expect(readCommentArtifact(big)).rejects.toThrow(/exceeds the 1048576-byte limit/);
    await writeFile(join(big, 'prload-comment.json'), '{nope');
    await expect(readCommentArtifact(big)).rejects.toMatchObject({
      code: 'REPORT_ARTIFACT_INVALID',
      message: expect.stringContaining('not valid JSON'),
    });
  });

  it('validates what it saves', async () => {
    await expect(saveCommentArtifact(dir, { body: 'x', pr: 0, repository: REPO, sha: SHA })).rejects.toMatchObject({
      code: 'REPORT_ARTIFACT_INVALID',
    });
  });
});
