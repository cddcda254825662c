import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

test('the committed JSON Schema is the one the config definition generates', async () => {
  const committed = await readFile(new URL('../../../../schema/prload.config.schema.json', import.meta.url), 'utf8');
  const run = await runCli(['schema']);
  expect(run.exitCode).toBe(0);
  // Regenerate with: npm run schema
  expect(run.stdout).toBe(committed);
});

test('the schema describes the keys editors should offer', async () => {
  const schema = JSON.parse((await runCli(['schema'])).stdout);
  expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['cluster', 'apps', 'load', 'report']));
  expect(schema.properties.load.properties.rate).toMatchObject({ type: 'number', default: 50 });
  expect(schema.properties.load.additionalProperties).toBe(false);
});
