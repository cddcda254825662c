import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fitBytes, writeJobSummary } from '../../src/github/job-summary.js';

// @actions/core caches the summary path on first use, so one file serves the whole file.
let path: string;
beforeAll(async () => {
  path = join(await mkdtemp(join(tmpdir(), 'prload-summary-')), 'step_summary');
  vi.stubEnv('GITHUB_STEP_SUMMARY', path);
});
afterAll(() => {
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  await writeFile(path, '');
});

describe('writeJobSummary', () => {
  it('appends the markdown to GITHUB_STEP_SUMMARY', async () => {
    const result = await writeJobSummary('### ✅ prload: passed');
    expect(result).toMatchObject({ written: true, path, truncated: false });
    expect(await readFile(path, 'utf8')).toBe('### ✅ prload: passed\n');
  });

  it('stays under 1 MiB in bytes, counting what the step already wrote', async () => {
    await writeFile(path, 'x'.repeat(100_000));
    const wide = '€'.repeat(400_000); // 3 bytes each in UTF-8
    const md = `### ✅ prload: passed\n\n<details><summary>Big</summary>\n\n${wide}\n\n</details>\n\n${'| a |\n'.repeat(10)}`;
    const result = await writeJobSummary(md, { fullReportUrl: 'https://example.test/full' });
    expect(result.truncated).toBe(true);
    const written = await readFile(path);
    expect(written.length).toBeLessThanOrEqual(1024 * 1024);
    expect(written.toString()).toContain(
      'Big: left out to fit the size limit; see the [full report](https://example.test/full)',
    );
  });

  it('does nothing outside GitHub Actions', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    expect(await writeJobSummary('x')).toEqual({ written: false, truncated: false, bytes: 0 });
    vi.stubEnv('GITHUB_STEP_SUMMARY', path);
  });
});

describe('fitBytes', () => {
  it('cuts multi-byte text to the byte budget', () => {
    const out = fitBytes('é'.repeat(10_000), 5_000);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(5_000);
    expect(out).toContain('Report truncated');
  });
});
