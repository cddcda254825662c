import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../src/render-json.js';
import { createRunReport } from '../src/run-report.js';
import { readRunReport, validateRunReport } from '../src/validate-report.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';

const report = createRunReport({
  result: makeLoadResult({ hosts: { 'a.localhost': { requests: 50, medianMs: 3 } } }),
  run: RUN_INFO,
});

async function fileWith(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prload-report-'));
  const path = join(dir, 'prload-report.json');
  await writeFile(path, text);
  return path;
}

describe('readRunReport', () => {
  it('round-trips a rendered report', async () => {
    const read = await readRunReport(await fileWith(renderJson(report)));
    expect(read).toEqual(JSON.parse(JSON.stringify(report)));
  });

  const rejects = (name: string, text: string, code: string, message: RegExp) =>
    it(`rejects ${name} with ${code}`, async () => {
      const path = await fileWith(text);
      await expect(readRunReport(path)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    });
  rejects('bad JSON', '{"schemaVersion": 1,', 'REPORT_JSON', /not valid JSON/);
  rejects(
    'a newer schema',
    JSON.stringify({ ...report, schemaVersion: 2 }),
    'REPORT_SCHEMA_VERSION',
    /schemaVersion 2 is not supported/,
  );
  rejects(
    'a missing schemaVersion',
    JSON.stringify({ reportId: 'x' }),
    'REPORT_SCHEMA_VERSION',
    /schemaVersion nothing/,
  );
  rejects(
    'an unknown verdict',
    JSON.stringify({ ...report, verdict: 'ok' }),
    'REPORT_INVALID',
    /verdict must be one of/,
  );
  rejects(
    'a broken host entry',
    JSON.stringify({ ...report, hosts: { h: { requests: '1' } } }),
    'REPORT_INVALID',
    /hosts\["h"\]\.requests/,
  );

  it('names the path when the file is missing', async () => {
    await expect(readRunReport('/nonexistent/prload-report.json')).rejects.toMatchObject({
      code: 'REPORT_READ',
      message: expect.stringContaining('ENOENT'),
    });
  });

  it('validates parsed JSON directly', () => {
    expect(() => validateRunReport([])).toThrow(/top level must be an object/);
    expect(validateRunReport(JSON.parse(renderJson(report))).verdict).toBe('passed');
  });
});
