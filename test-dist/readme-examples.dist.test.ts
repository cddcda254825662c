import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { root } from './support/global-setup.js';
import { packageReadmes, readmeExamples } from './support/readme-examples.js';

const execFileAsync = promisify(execFile);
const consumerDir = inject('consumerDir');
const examplesDir = join(consumerDir, 'readme-examples');
const readmes = packageReadmes(root);
const examples = readmes.flatMap((readme) => readmeExamples(root, readme));
const compiled = examples.filter((example) => example.mode !== 'fragment');

/** tsc's diagnostics, by example file; filled by the one tsc run over all of them. */
let diagnostics = new Map<string, string[]>();

beforeAll(async () => {
  mkdirSync(examplesDir, { recursive: true });
  for (const example of compiled) writeFileSync(join(examplesDir, `${example.id}.ts`), example.code);
  // What a TypeScript user of the packages would have: strict, Node ESM resolution through package.json exports.
  writeFileSync(
    join(examplesDir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        types: ['node'],
        outDir: 'out',
        rootDir: '.',
      },
      include: ['*.ts'],
    }),
  );
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = await execFileAsync('node', [tsc, '-p', examplesDir, '--pretty', 'false'], { cwd: consumerDir }).then(
    (done) => done.stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  diagnostics = new Map();
  for (const line of result.split('\n')) {
    const match = /^readme-examples\/([\w-]+)\.ts\(/.exec(line) ?? /^([\w-]+)\.ts\(/.exec(line);
    const id = match?.[1] ?? '(tsc)';
    if (line.trim() !== '') diagnostics.set(id, [...(diagnostics.get(id) ?? []), line]);
  }
}, 300_000);

describe.each(readmes)('%s', (readme) => {
  const own = examples.filter((example) => example.readme === readme);

  it('has an example that runs, and says why any other is not run', () => {
    expect(own.filter((example) => example.mode === 'run').length).toBeGreaterThan(0);
    for (const example of own) if (example.mode !== 'run') expect(example.reason).not.toBe('');
  });

  for (const example of own.filter((e) => e.mode !== 'fragment')) {
    it(`example ${example.index} (line ${example.line}) type-checks against the installed packages`, () => {
      expect(diagnostics.get('(tsc)') ?? []).toEqual([]);
      expect(diagnostics.get(example.id) ?? []).toEqual([]);
    });
  }

  for (const example of own.filter((e) => e.mode === 'run')) {
    it(`example ${example.index} (line ${example.line}) runs as written`, async () => {
      const cwd = join(examplesDir, `${example.id}.cwd`);
      mkdirSync(cwd, { recursive: true });
      const script = join(examplesDir, 'out', `${example.id}.js`);
      const done = await execFileAsync('node', [script], {
        cwd,
        timeout: 150_000,
        env: { ...process.env, NO_COLOR: '1' },
      }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
        throw new Error(`exit ${error.code}:\n${error.stderr ?? ''}\n${error.stdout ?? ''}`.slice(0, 4000));
      });
      expect(done.stdout + done.stderr).not.toMatch(/\bError\b.*\n\s+at /);
      // Each runnable example shows its result; one that prints nothing has nothing to show a reader either.
      expect(done.stdout.trim()).not.toBe('');
    });
  }
});
