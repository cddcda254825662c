import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubPermissionError } from '../../src/errors.js';
import { type PublishCommentOptions, publishComment } from '../../src/github/publish-comment.js';
import { BOT_USER, FakeGitHub, GITHUB_BODIES, HUMAN_USER } from '../fixtures/fake-github.js';

const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const READ_ONLY = 'ghs_ReadOnlyForkToken0000000000000000000';
const REPO = 'octo/app';

let github: FakeGitHub;
let warnings: string[];

beforeEach(async () => {
  github = new FakeGitHub({ writeTokens: [TOKEN], readOnlyTokens: [READ_ONLY], repositories: [REPO] });
  await github.start();
  warnings = [];
});
afterEach(async () => {
  await github.stop();
});

function publish(overrides: Partial<PublishCommentOptions> = {}) {
  return publishComment({
    token: TOKEN,
    repository: REPO,
    pr: 7,
    body: '### ✅ prload: passed\n',
    apiUrl: github.baseUrl,
    retry: { retries: 2, baseDelayMs: 1 },
    log: { warn: (m) => warnings.push(m), debug: (m) => warnings.push(m) },
    env: {},
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<Error & { code: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected a rejection');
}

describe('publishComment', () => {
  it('creates one sticky comment, then updates it on reruns, never duplicating', async () => {
    const first = await publish();
    expect(first).toMatchObject({ action: 'created', truncated: false });
    expect(first.url).toMatch(/^https:\/\/github\.com\/octo\/app\/pull\/7#issuecomment-\d+$/);
    const second = await publish({ body: '### ❌ prload: thresholds breached\n' });
    expect(second).toMatchObject({ action: 'updated', commentId: first.commentId });
    const third = await publish({ body: '### ❌ prload: thresholds breached\n' });
    expect(third).toMatchObject({ action: 'unchanged', commentId: first.commentId });
    const comments = github.list(REPO, 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe('<!-- prload-report:prload -->\n### ❌ prload: thresholds breached\n');
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(github.requests.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual(['POST', 'PATCH']);
  });

  it('keeps one comment per report id', async () => {
    await publish({ reportId: 'smoke' });
    await publish({ reportId: 'soak' });
    await publish({ reportId: 'smoke', body: 'again' });
    expect(github.list(REPO, 7).map((c) => c.body.split('\n')[0])).toEqual([
      '<!-- prload-report:smoke -->',
      '<!-- prload-report:soak -->',
    ]);
  });

  it('finds the marker on the last page by following Link headers', async () => {
    const filler = Array.from({ length: 230 }, (_, i) => ({ body: `comment ${i}`, user: HUMAN_USER }));
    github.seed(REPO, 7, filler);
    const [marked] = github.seed(REPO, 7, [{ body: '<!-- prload-report:prload -->\nold' }]).slice(-1);
    const result = await publish();
    expect(result).toMatchObject({ action: 'updated', commentId: marked!.id });
    const pages = github.requests
      .filter((r) => r.method === 'GET')
      .map((r) => new URL(r.path, 'http://x').searchParams.get('page'));
    expect(pages).toEqual([null, '2', '3']);
    expect(github.list(REPO, 7)).toHaveLength(231);
  });

  it('prefers the bot comment over a user pasting the marker', async () => {
    github.seed(REPO, 7, [
      { body: '<!-- prload-report:prload -->\nI pasted this', user: HUMAN_USER },
      { body: '<!-- prload-report:prload -->\nreal report', user: BOT_USER },
    ]);
    await publish({ body: 'new report' });
    expect(github.list(REPO, 7).map((c) => c.body)).toEqual([
      '<!-- prload-report:prload -->\nI pasted this',
      '<!-- prload-report:prload -->\nnew report',
    ]);
  });

  it('trims <details> to stay within 65,536 characters and links the full report', async () => {
    const big = `### ✅ prload: passed\n\n| a |\n| --- |\n| 1 |\n\n<details><summary>Charts</summary>\n\n${'x'.repeat(70_000)}\n\n</details>\n`;
    const result = await publish({ body: big, fullReportUrl: 'https://github.com/octo/app/actions/runs/1' });
    expect(result.truncated).toBe(true);
    const body = github.list(REPO, 7)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('| 1 |');
    expect(body).toContain(
      'Charts: left out to fit the size limit; see the [full report](https://github.com/octo/app/actions/runs/1)',
    );
  });

  it('maps a 422 for an oversized body to a validation error', async () => {
    await github.stop();
    github = new FakeGitHub({ writeTokens: [TOKEN], repositories: [REPO], maxBodyLength: 100 });
    await github.start();
    const error = await failure(publish({ body: 'y'.repeat(500) }));
    expect(error).toMatchObject({ code: 'REPORT_GITHUB_VALIDATION', status: 422 });
    expect(error.message).toContain('body is too long (maximum is 65536 characters)');
    expect(error.message).toContain('lower maxLength');
  });

  it('explains a read-only token: missing pull-requests: write, or the fork case', async () => {
    const error = await failure(publish({ token: READ_ONLY }));
    expect(error).toBeInstanceOf(GitHubPermissionError);
    expect(error.code).toBe('REPORT_GITHUB_FORBIDDEN');
    expect(error.message).toContain('Resource not accessible by integration');
    expect(error.message).toContain('`pull-requests: write`');
    expect(error.message).toContain('issues=write; pull_requests=write');
    expect(error.message).toContain('workflow_run');
    const fork = await failure(publish({ token: READ_ONLY, isFork: true }));
    expect(fork.message).toMatch(
      /from a fork, so GITHUB_TOKEN is read-only: save the comment with `saveCommentArtifact`/,
    );
    // A permission error is final: no retries.
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('waits out a secondary rate limit (403 + retry-after) and a 429', async () => {
    github.queue('GET', /comments$/, { status: 403, headers: { 'retry-after': '2' }, body: GITHUB_BODIES.secondary });
    github.seed(REPO, 7, [{ body: '<!-- prload-report:prload -->\nold' }]);
    github.queue('PATCH', /comments\/\d+$/, {
      status: 429,
      headers: { 'retry-after': '1' },
      body: GITHUB_BODIES.secondary,
    });
    const result = await publish();
    expect(result.action).toBe('updated');
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'PATCH', 'PATCH']);
    expect(warnings.some((w) => /secondary rate limit on GET .* retrying in 2s/.test(w))).toBe(true);
  });

  it('gives up on a primary rate limit after the configured retries', async () => {
    const reset = String(Math.ceil(Date.now() / 1000));
    github.queue(
      'GET',
      /comments$/,
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        body: GITHUB_BODIES.primary,
      },
      5,
    );
    const error = await failure(publish());
    expect(error.code).toBe('REPORT_GITHUB_RATE_LIMITED');
    expect(error.message).toContain('API rate limit exceeded');
    expect(github.requests).toHaveLength(3);
  });

  it('retries a 502 and maps 401 and 404', async () => {
    github.queue('GET', /comments$/, { status: 502, body: { message: 'Server Error' } });
    expect((await publish()).action).toBe('created');
    const unauthorized = await failure(publish({ token: 'ghp_wrongwrongwrongwrongwrongwrongwrong0' }));
    expect(unauthorized).toMatchObject({ code: 'REPORT_GITHUB_UNAUTHORIZED', status: 401 });
    const missing = await failure(publish({ repository: 'octo/nope' }));
    expect(missing).toMatchObject({ code: 'REPORT_GITHUB_NOT_FOUND', status: 404 });
    expect(missing.message).toContain('octo/nope#7');
  });

  it('works against a GHES-style API prefix', async () => {
    await github.stop();
    github = new FakeGitHub({ writeTokens: [TOKEN], repositories: [REPO], prefix: '/api/v3' });
    const apiUrl = await github.start();
    expect((await publish({ apiUrl })).action).toBe('created');
    expect(github.requests.every((r) => r.path.startsWith('/api/v3/repos/octo/app/'))).toBe(true);
  });

  it('says when the API is unreachable', async () => {
    await github.stop();
    const error = await failure(publish({ retry: { retries: 0, baseDelayMs: 1 } }));
    expect(error.code).toBe('REPORT_GITHUB_API');
    expect(error.message).toMatch(/cannot reach the GitHub API at http:\/\/127\.0\.0\.1:\d+ .*check GITHUB_API_URL/);
  });

  it('validates its inputs before calling GitHub', async () => {
    await expect(publish({ pr: 0 })).rejects.toMatchObject({ code: 'REPORT_GITHUB_CONTEXT' });
    await expect(publish({ repository: 'not a repo' })).rejects.toMatchObject({ code: 'REPORT_GITHUB_CONTEXT' });
    await expect(publish({ token: '' })).rejects.toMatchObject({ code: 'REPORT_GITHUB_CONTEXT' });
    await expect(publish({ reportId: 'x -->' })).rejects.toMatchObject({ code: 'REPORT_INPUT' });
    expect(github.requests).toHaveLength(0);
  });

  it('never prints the token: masked in Actions, absent from errors, logs and debug output', async () => {
    const printed: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array) =>
      printed.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) =>
      printed.push(String(chunk)) > 0) as typeof process.stderr.write;
    let errors: unknown[] = [];
    try {
      github.queue('GET', /comments$/, {
        status: 403,
        headers: { 'retry-after': '1' },
        body: { ...GITHUB_BODIES.secondary, message: `${GITHUB_BODIES.secondary.message} token=${READ_ONLY}` },
      });
      errors = await Promise.all([
        failure(publish({ token: READ_ONLY, env: { GITHUB_ACTIONS: 'true' }, log: undefined })),
        failure(
          publish({ token: READ_ONLY, env: { GITHUB_ACTIONS: 'true' }, apiUrl: `${github.baseUrl}/${READ_ONLY}` }),
        ),
      ]);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    expect(printed.join('')).toContain(`::add-mask::${READ_ONLY}`);
    const rest = printed.join('').replaceAll(`::add-mask::${READ_ONLY}`, '');
    expect(rest).toContain('::group::prload: PR comment on octo/app#7');
    expect(rest).toContain('secondary rate limit');
    expect(rest).not.toContain(READ_ONLY);
    for (const e of errors) {
      expect(String(e)).not.toContain(READ_ONLY);
      expect(inspect(e, { depth: 20 })).not.toContain(READ_ONLY);
      expect(JSON.stringify(e)).not.toContain(READ_ONLY);
    }
    expect(warnings.join('\n')).not.toContain(READ_ONLY);
  });
});
