import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** A fresh npm project (outside the workspace) with every packed @prload package installed. */
    consumerDir: string;
    /** The action's bundle (scripts/bundle-action.mjs), alone in a temporary folder. */
    bundleDir: string;
  }
}

function run(command: string, args: string[], cwd: string): string {
  console.error(`[test:dist] ${command} ${args.join(' ')}`);
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/**
 * Packs every workspace package as `npm publish` would (prepack included), installs the tarballs into an empty
 * project the way a user's `npm install` does — third-party dependencies from the registry, no workspace links —
 * and bundles the action into a folder of its own. Both live under the system temp folder, where no node_modules
 * of the workspace is above them, so nothing resolves back into the checkout.
 */
export default function setup(project: TestProject): () => void {
  const work = mkdtempSync(join(tmpdir(), 'prload-dist-'));
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  run('npm', ['pack', '--workspaces', '--pack-destination', tarballs, '--silent'], root);

  const consumerDir = join(work, 'consumer');
  mkdirSync(consumerDir);
  writeFileSync(
    join(consumerDir, 'package.json'),
    `${JSON.stringify({ name: 'prload-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  const typesNode = JSON.parse(readFileSync(join(root, 'node_modules/@types/node/package.json'), 'utf8')).version;
  const packed = readdirSync(tarballs)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(tarballs, file));
  // @types/node: the README examples are type-checked as a TypeScript user's code would be.
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packed, `@types/node@${typesNode}`],
    consumerDir,
  );

  const bundleDir = join(work, 'action');
  run('node', [join(root, 'scripts/bundle-action.mjs'), '--out', bundleDir], root);

  project.provide('consumerDir', consumerDir);
  project.provide('bundleDir', bundleDir);
  return () => {
    if (process.env['PRLOAD_DIST_KEEP'] === '1') console.error(`[test:dist] kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  };
}
