import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGitHubContext } from '../../src/github/github-context.js';

async function event(payload: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'prload-event-')), 'event.json');
  await writeFile(path, JSON.stringify(payload));
  return path;
}

const pullRequest = (headRepo: string | null) => ({
  action: 'synchronize',
  number: 42,
  pull_request: {
    number: 42,
    head: { sha: 'f'.repeat(40), ref: 'feature/fast', repo: headRepo === null ? null : { full_name: headRepo } },
    base: { sha: '0'.repeat(40), ref: 'main', repo: { full_name: 'octo/app' } },
  },
  repository: { full_name: 'octo/app' },
});

const actionsEnv = {
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_SHA: 'e'.repeat(40),
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '99',
  GITHUB_REF_NAME: '42/merge',
  GITHUB_HEAD_REF: 'feature/fast',
};

describe('resolveGitHubContext', () => {
  it('reads PR number and head SHA from a pull_request event (not the merge SHA)', async () => {
    const ctx = await resolveGitHubContext({
      ...actionsEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: await event(pullRequest('octo/app')),
    });
    expect(ctx).toEqual({
      repository: 'octo/app',
      pr: 42,
      sha: 'f'.repeat(40),
      ref: 'feature/fast',
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
      eventName: 'pull_request',
      isFork: false,
      runUrl: 'https://github.com/octo/app/actions/runs/99',
    });
  });

  it.each([
    ['a fork', 'forker/app', true],
    ['a deleted fork', null, true],
  ])('detects %s', async (_name, headRepo, isFork) => {
    const ctx = await resolveGitHubContext({ ...actionsEnv, GITHUB_EVENT_PATH: await event(pullRequest(headRepo)) });
    expect(ctx.isFork).toBe(isFork);
  });

  it('reads a workflow_run event for the fork pattern', async () => {
    const ctx = await resolveGitHubContext({
      ...actionsEnv,
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: await event({
        workflow_run: {
          head_sha: 'd'.repeat(40),
          head_branch: 'patch-1',
          event: 'pull_request',
          pull_requests: [],
          head_repository: { full_name: 'forker/app' },
        },
        repository: { full_name: 'octo/app' },
      }),
    });
    expect(ctx).toMatchObject({
      sha: 'd'.repeat(40),
      ref: 'patch-1',
      isFork: true,
      workflowRun: { headSha: 'd'.repeat(40), headRepository: 'forker/app', event: 'pull_request', pullRequests: [] },
    });
    expect(ctx.pr).toBeUndefined();
  });

  it('lets flags win and honours GITHUB_API_URL (GHES)', async () => {
    const ctx = await resolveGitHubContext(
      {
        ...actionsEnv,
        GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
        GITHUB_SERVER_URL: 'https://ghe.example.com',
      },
      { pr: '7', repository: 'team/svc', sha: 'abc1234' },
    );
    expect(ctx).toMatchObject({
      pr: 7,
      repository: 'team/svc',
      sha: 'abc1234',
      apiUrl: 'https://ghe.example.com/api/v3',
    });
    expect((await resolveGitHubContext({}, { apiUrl: 'http://127.0.0.1:1' })).apiUrl).toBe('http://127.0.0.1:1');
  });

  it.each([
    [{ pr: '0' }, /--pr: must be a positive integer/],
    [{ pr: 'abc' }, /--pr: must be a positive integer/],
    [{ repository: 'nope' }, /repository: expected "owner\/repo"/],
    [{ sha: 'main' }, /--sha: expected a hex commit SHA/],
  ])('rejects flags %j', async (flags, message) => {
    await expect(resolveGitHubContext({}, flags)).rejects.toMatchObject({
      code: 'REPORT_GITHUB_CONTEXT',
      message: expect.stringMatching(message),
    });
  });

  it('explains an unreadable event file', async () => {
    await expect(resolveGitHubContext({ GITHUB_EVENT_PATH: '/nonexistent/event.json' })).rejects.toThrow(
      /GITHUB_EVENT_PATH \/nonexistent\/event\.json: cannot read the event payload \(ENOENT\)/,
    );
  });
});
