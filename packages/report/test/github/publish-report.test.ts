import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GitHubContextError, GitHubPermissionError } from '../../src/errors.js';
import { readCommentArtifact } from '../../src/github/comment-artifact.js';
import type { GitHubContext } from '../../src/github/github-context.js';
import { type PublishReportOptions, publishReport } from '../../src/github/publish-report.js';
import { createRunReport } from '../../src/run-report.js';
import { FakeGitHub } from '../fixtures/fake-github.js';
import { makeLoadResult, RUN_INFO } from '../fixtures/load-result.js';

const TOKEN = 'ghs_PublishReportToken00000000000000000000';
const READ_ONLY = 'ghs_ReadOnlyForkToken0000000000000000000';
const REPO = 'octo/app';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const REPORT = createRunReport({
  result: makeLoadResult({ hosts: { 'foo.localhost': { requests: 50, medianMs: 2 } } }),
  run: RUN_INFO,
  reportId: 'smoke',
});

// @actions/core caches the summary path on first use, so one file serves the whole file.
let summaryPath: string;
beforeAll(async () => {
  summaryPath = join(await mkdtemp(join(tmpdir(), 'prload-publish-summary-')), 'step_summary');
  vi.stubEnv('GITHUB_STEP_SUMMARY', summaryPath);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

let github: FakeGitHub;
let outDir: string;
let logs: string[];
beforeEach(async () => {
  await writeFile(summaryPath, '');
  github = new FakeGitHub({ writeTokens: [TOKEN], readOnlyTokens: [READ_ONLY], repositories: [REPO] });
  await github.start();
  outDir = await mkdtemp(join(tmpdir(), 'prload-publish-'));
  logs = [];
});
afterEach(async () => {
  await github.stop();
});

function context(overrides: Partial<GitHubContext> = {}): GitHubContext {
  return {
    repository: REPO,
    pr: 7,
    sha: SHA,
    apiUrl: github.baseUrl,
    serverUrl: 'https://github.com',
    isFork: false,
    runUrl: 'https://github.com/octo/app/actions/runs/99',
    ...overrides,
  };
}

const publish = (overrides: Partial<PublishReportOptions> = {}) =>
  publishReport(REPORT, {
    outDir,
    context: context(),
    token: TOKEN,
    log: (line) => logs.push(line),
    retry: { retries: 0, baseDelayMs: 1 },
    env: {},
    ...overrides,
  });

describe('publishReport', () => {
  it('writes the job summary, then keeps one sticky comment on the PR', async () => {
    const first = await publish();
    expect(first).toMatchObject({ ok: true, summary: { written: true }, comment: { action: 'created' } });
    const second = await publish();
    expect(second.comment?.action).toBe('unchanged');
    expect(github.list(REPO, 7)).toHaveLength(1);
    expect(github.list(REPO, 7)[0]!.body).toMatch(/^<!-- prload-report:smoke -->\n/);
    expect(await readFile(summaryPath, 'utf8')).toMatch(/prload smoke: passed/);
    expect(logs).toEqual([
      'job summary written',
      `PR #7: comment created: ${first.comment!.url}`,
      'job summary written',
      `PR #7: comment unchanged: ${first.comment!.url}`,
    ]);
  });

  it.each([
    [
      'a fork PR’s read-only token',
      () => ({ context: context({ isFork: true }), token: READ_ONLY }),
      'a fork PR gets a read-only token',
    ],
    ['no token', () => ({ token: undefined }), 'no GITHUB_TOKEN'],
  ])('with %s, saves the comment for the workflow_run workflow and calls no API', async (_, overrides, reason) => {
    const result = await publish(overrides());
    const dir = join(outDir, 'pr-comment');
    expect(result).toMatchObject({ ok: true, artifactDir: dir });
    expect(github.requests).toEqual([]);
    expect(await readCommentArtifact(dir)).toMatchObject({ pr: 7, reportId: 'smoke', repository: REPO, sha: SHA });
    expect(logs.at(-1)).toBe(`PR #7: ${reason}; comment saved to ${dir} for the workflow_run workflow to post`);
  });

  it('takes the token from env.GITHUB_TOKEN by default', async () => {
    const result = await publish({ token: undefined, env: { GITHUB_TOKEN: TOKEN } });
    expect(result.comment?.action).toBe('created');
  });

  it.each([
    ['comment: false', () => ({ comment: false })],
    ['no pull request', () => ({ context: context({ pr: undefined }) })],
  ])('%s: the job summary only', async (_, overrides) => {
    const result = await publish(overrides());
    expect(result).toEqual({ ok: true, summary: expect.objectContaining({ written: true }) });
    expect(github.requests).toEqual([]);
  });

  it('a refused comment is a failed publish, resolved with the error, never thrown', async () => {
    github.queue('POST', /\/comments$/, { status: 403, body: { message: 'Resource not accessible by integration' } });
    const result = await publish();
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(GitHubPermissionError);
    // The job summary was written before.
    expect(result.summary?.written).toBe(true);
  });

  it('a context that cannot be resolved is a failed publish too', async () => {
    const result = await publish({ context: undefined, env: { GITHUB_EVENT_PATH: join(outDir, 'missing.json') } });
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(GitHubContextError);
    expect((result.error as Error).message).toMatch(
      /^GITHUB_EVENT_PATH .*missing\.json: cannot read the event payload/,
    );
  });
});
