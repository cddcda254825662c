#!/usr/bin/env node
// Bundles the prload CLI for the GitHub Action: one folder of ESM files with every runtime dependency inlined, so the
// action runs `node dist/action/bin/prload.js` without installing or building anything. Built from the packages' compiled
// output (`npm run build` first), so the bundle is the code the packages publish.
//
//   dist/action/package.json        {"type": "module", "version"}: what `../package.json` lookups read
//   dist/action/bin/prload.js       the CLI (ESM: the folder's package.json says so)
//   dist/action/bin/load-worker.js, source-worker.js, replica-process.js
//                                   the worker-thread and child-process entries the packages start beside
//                                   themselves (`new URL('./load-worker.js', import.meta.url)`), bundled alike
//   dist/action/bin/chunk-*.js       code two entries share, or the CLI imports lazily
//   dist/action/chart/http-echo     the chart, where @prload/deploy's `../chart/http-echo` finds it
//   dist/action/LICENSE, THIRD-PARTY-LICENSES.txt
//
// Prints the bundle's size. `--out DIR` writes elsewhere.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const out = outFlag === -1 ? join(root, 'dist', 'action') : resolve(process.argv[outFlag + 1] ?? '');

const entries = {
  prload: 'apps/ci-runner/dist/bin/prload.js',
  'load-worker': 'packages/loadgen/dist/load-worker.js',
  'source-worker': 'packages/resources/dist/source-worker.js',
  'replica-process': 'packages/cluster/dist/local/replica-process.js',
};
for (const entry of Object.values(entries)) {
  if (!existsSync(join(root, entry))) {
    console.error(`bundle-action: ${entry} is missing — run npm run build first`);
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'bin'), { recursive: true });

const result = await build({
  entryPoints: Object.entries(entries).map(([name, entry]) => ({ in: join(root, entry), out: name })),
  outdir: join(out, 'bin'),
  // The metafile's paths are relative to this, wherever the script is run from.
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.18',
  // Node built-ins stay imports; everything else is inlined, so the folder runs without node_modules.
  packages: 'bundle',
  // CommonJS dependencies call require() for built-ins: give the ESM bundle one.
  banner: {
    js: "import { createRequire as __prloadCreateRequire } from 'node:module'; const require = __prloadCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // Whitespace and syntax only: names stay, so a stack trace from the action still says where.
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  // The CLI and the resources worker both use the Kubernetes client: shared code goes to chunks, once, and the
  // modules the CLI imports lazily stay unloaded until a run needs them.
  splitting: true,
  chunkNames: '[name]-[hash]',
});

const ciRunner = JSON.parse(readFileSync(join(root, 'apps/ci-runner/package.json'), 'utf8'));
writeFileSync(
  join(out, 'package.json'),
  `${JSON.stringify(
    {
      name: '@prload/action-bundle',
      version: ciRunner.version,
      private: true,
      type: 'module',
      description: 'The prload CLI bundled for the GitHub Action (scripts/bundle-action.mjs); not published to npm',
      license: ciRunner.license,
    },
    null,
    2,
  )}\n`,
);
cpSync(join(root, 'charts', 'http-echo'), join(out, 'chart', 'http-echo'), { recursive: true });
cpSync(join(root, 'LICENSE'), join(out, 'LICENSE'));
writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(result.metafile));

const bytes = Object.keys(result.metafile.outputs).reduce((sum, file) => sum + statSync(join(root, file)).size, 0);
console.log(`bundle-action: ${relative(process.cwd(), out) || '.'} — ${(bytes / 1e6).toFixed(2)} MB of JavaScript`);

/** The license text of every npm package the bundle inlines, as their licenses ask of copies. */
function thirdPartyLicenses(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match) continue;
    const dir = join(root, input.slice(0, match.index + match[0].length));
    if (!packages.has(match[1])) packages.set(match[1], dir);
  }
  const sections = [];
  for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenseFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'license.md']
      .map((file) => join(dir, file))
      .find((file) => existsSync(file));
    const text = licenseFile ? readFileSync(licenseFile, 'utf8').trim() : `License: ${manifest.license ?? 'unknown'}`;
    sections.push(`${name}@${manifest.version} (${manifest.license ?? 'unknown'})\n\n${text}\n`);
  }
  return `${sections.join(`\n${'-'.repeat(78)}\n\n`)}`;
}
