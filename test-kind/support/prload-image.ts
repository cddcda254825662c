import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The prload image scripts/test-kind.mjs built for this run (scripts/prload-image.sh): `prload.local/prload:<key>`,
 * where the key changes with the packed workspace, so a case that preloads it into kind runs the code under test.
 */
export function prloadImage(): string {
  const image = process.env['PRLOAD_E2E_PRLOAD_IMAGE'];
  if (!image) throw new Error('PRLOAD_E2E_PRLOAD_IMAGE is not set — run these tests with `npm run test:kind`');
  return image;
}

export interface RunImageOptions {
  /** `docker run` options, before the image. @default [] */
  readonly dockerOptions?: readonly string[];
  /** How long the container may take; after it, it is removed and the call rejects. @default 60_000 */
  readonly timeoutMs?: number;
}

/** `docker run --rm IMAGE ARGS…`; a container that outlives `timeoutMs` is removed, not left running. */
export async function runImage(
  image: string,
  args: readonly string[],
  { dockerOptions = [], timeoutMs = 60_000 }: RunImageOptions = {},
): Promise<{ stdout: string; stderr: string }> {
  const name = `prload-image-test-${randomBytes(4).toString('hex')}`;
  try {
    return await run('docker', ['run', '--rm', '--name', name, ...dockerOptions, image, ...args], {
      timeout: timeoutMs,
      maxBuffer: 8 * 1024 * 1024,
    });
  } catch (error) {
    await run('docker', ['rm', '--force', name]).catch(() => undefined);
    throw error;
  }
}
