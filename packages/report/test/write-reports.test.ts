import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunReport } from '../src/run-report.js';
import { readRunReport } from '../src/validate-report.js';
import { writeReports } from '../src/write-reports.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';

const report = createRunReport({
  result: makeLoadResult({ hosts: { 'foo.localhost': { requests: 100, medianMs: 5 } } }),
  run: RUN_INFO,
});

describe('writeReports', () => {
  it('writes every requested format under its fixed name', async () => {
    const outDir = join(await mkdtemp(join(tmpdir(), 'prload-')), 'nested', 'out');
    const written = await writeReports(report, { outDir, formats: ['md', 'html', 'junit', 'json'] });
    expect(written).toEqual({
      md: join(outDir, 'prload-report.md'),
      html: join(outDir, 'prload-report.html'),
      junit: join(outDir, 'prload-report.xml'),
      json: join(outDir, 'prload-report.json'),
    });
    expect(await readFile(written.md!, 'utf8')).toMatch(/^### ✅ prload: passed/);
    expect(await readFile(written.html!, 'utf8')).toMatch(/^<!doctype html>/);
    expect(await readFile(written.junit!, 'utf8')).toMatch(/^<\?xml/);
    expect((await readRunReport(written.json!)).verdict).toBe('passed');
  });

  it('rejects unknown formats and unwritable directories with codes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prload-'));
    await expect(writeReports(report, { outDir: dir, formats: ['pdf' as 'md'] })).rejects.toMatchObject({
      code: 'REPORT_INPUT',
    });
    const file = join(dir, 'file');
    await writeFile(file, '');
    await expect(writeReports(report, { outDir: join(file, 'sub'), formats: ['json'] })).rejects.toMatchObject({
      code: 'REPORT_WRITE',
      message: expect.stringContaining('check that the directory is writable'),
    });
  });
});
