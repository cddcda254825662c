import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unknownValuesKeys } from './chart-keys.js';

let chart: string;
beforeEach(async () => {
  chart = await mkdtemp(join(tmpdir(), 'prload-chart-keys-'));
  await writeFile(
    join(chart, 'values.yaml'),
    'controller:\n  image:\n    repository: x\n  nodeSelector:\n    os: linux\n  extraArgs: {}\n  tolerations: []\n',
  );
});
afterEach(async () => {
  await rm(chart, { recursive: true, force: true });
});

describe('unknownValuesKeys', () => {
  it('names keys the chart does not have, and stops at free-form maps and lists', async () => {
    const values = {
      controller: {
        image: { repository: 'r', tagg: 't' },
        extraArgs: { anything: 'goes' },
        tolerations: [{ key: 'k' }],
        nodeSelector: { 'ingress-ready': 'true' },
        hostPortt: { enable: true },
      },
    };
    expect(await unknownValuesKeys(chart, values)).toEqual([
      'controller.image.tagg',
      'controller.nodeSelector.ingress-ready',
      'controller.hostPortt',
    ]);
    expect(
      await unknownValuesKeys(chart, values, {
        documented: ['controller.image.tagg'],
        freeForm: ['controller.nodeSelector'],
      }),
    ).toEqual(['controller.hostPortt']);
  });

  it('also accepts keys only values.schema.json has, through additionalProperties too', async () => {
    await writeFile(
      join(chart, 'values.schema.json'),
      JSON.stringify({
        properties: {
          controller: { properties: { image: { properties: { digest: {} } } } },
          ports: { additionalProperties: { properties: { hostPort: {} }, additionalProperties: false } },
        },
      }),
    );
    expect(
      await unknownValuesKeys(chart, {
        controller: { image: { digest: 'd' } },
        ports: { web: { hostPort: 80, hostPortt: 1 } },
      }),
    ).toEqual(['ports.web.hostPortt']);
  });
});
