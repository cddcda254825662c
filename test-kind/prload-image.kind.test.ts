import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { prloadImage, runImage } from './support/prload-image.js';

// The image issue 13's load generator pods run (scripts/prload-image.sh), checked as those pods will run it: as its
// own non-root user, with a read-only root filesystem, no capabilities, results written to a mounted folder.
const IMAGE = prloadImage();
const OUT = fileURLToPath(new URL('../test-results/kind-e2e/prload-image/', import.meta.url));
const CLI = JSON.parse(
  await readFile(fileURLToPath(new URL('../apps/ci-runner/package.json', import.meta.url)), 'utf8'),
) as { version: string };
const RESTRICTED = ['--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges'];

interface ImageConfig {
  User: string;
  Entrypoint: string[];
  Labels: Record<string, string>;
}

it('the prload image: uid 65532, its entrypoint is the CLI, --version and load --help as the CLI prints them', async () => {
  const { stdout } = await promisify(execFile)('docker', ['image', 'inspect', IMAGE, '--format', '{{json .Config}}']);
  const config = JSON.parse(stdout) as ImageConfig;
  expect(config.User).toBe('65532:65532');
  expect(config.Entrypoint.at(-1)).toMatch(/@prload\/ci-runner\/dist\/bin\/prload\.js$/);
  expect(config.Labels['org.opencontainers.image.version']).toBe(CLI.version);
  expect(config.Labels['org.opencontainers.image.licenses']).toBe('Apache-2.0');

  expect((await runImage(IMAGE, ['--version'], { dockerOptions: RESTRICTED })).stdout.trim()).toBe(CLI.version);
  const help = (await runImage(IMAGE, ['load', '--help'], { dockerOptions: RESTRICTED })).stdout;
  expect(help).toContain('--target <url>');
  expect(help).toContain('--out <dir>');
});

it('prload load in the image: 1 s at 10 req/s against a server on 127.0.0.1 (host network), results in a mounted folder', async () => {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  // The container writes as uid 65532.
  await chmod(OUT, 0o777);
  let served = 0;
  const server = createServer((req, res) => {
    if (req.headers.host === 'image.test') served += 1;
    res.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    const { stderr } = await runImage(
      IMAGE,
      [
        'load',
        '--target',
        `http://127.0.0.1:${port}`,
        '--host',
        'image.test',
        '--expect-body',
        'ok',
        '--duration',
        '1s',
        '--warmup',
        '0s',
        '--rate',
        '10',
        // The send-lag bound has its own tests; this machine's two cores are shared, as in run-kind.kind.test.ts.
        '--max-send-lag',
        '50ms',
        '--out',
        '/out',
        '--format',
        'json',
      ],
      { dockerOptions: ['--network', 'host', ...RESTRICTED, '--volume', `${OUT}:/out`] },
    );
    expect(stderr).toContain('results: /out/prload-report.json');
  } finally {
    server.close();
  }
  const report = JSON.parse(await readFile(`${OUT}prload-report.json`, 'utf8')) as {
    verdict: string;
    valid: boolean;
    run: { versions: { prload: string } };
    summary: { requests: number; errors: number };
  };
  expect(report.run.versions.prload).toBe(CLI.version);
  expect(report.verdict).toBe('passed');
  expect(report.valid).toBe(true);
  expect(report.summary.errors).toBe(0);
  // An open model at 10/s for 1 s sends 10; every one reached the server on the host's loopback.
  expect(report.summary.requests).toBe(10);
  expect(served).toBe(report.summary.requests);
});
