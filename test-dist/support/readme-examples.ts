import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How a README's ```ts block is tested, from the HTML comment on the line before its fence (invisible on npm and
 * GitHub):
 *   (none)                                   a whole program: type-checked against the installed packages, then run
 *   <!-- example: typecheck-only — why -->   type-checked, not run (needs what the test machine cannot give it)
 *   <!-- example: fragment — why -->         neither: it continues the example above it
 */
export type ExampleMode = 'run' | 'typecheck-only' | 'fragment';

export interface ReadmeExample {
  /** `packages/loadgen/README.md`. */
  readonly readme: string;
  /** 1-based among the README's ts blocks. */
  readonly index: number;
  /** The fence's line, 1-based. */
  readonly line: number;
  readonly mode: ExampleMode;
  /** Why it is not run; empty for `run`. */
  readonly reason: string;
  readonly code: string;
  /** `loadgen-2`: a file name for it. */
  readonly id: string;
}

const ANNOTATION = /^<!--\s*example:\s*(typecheck-only|fragment)\s*(?:[—-]+\s*(.*?))?\s*-->$/;

/** Every ```ts block of one README, with its mode. An annotation without a reason is an error: say why. */
export function readmeExamples(root: string, readme: string): ReadmeExample[] {
  const lines = readFileSync(join(root, readme), 'utf8').split('\n');
  const name = readme.split('/').at(-2) ?? readme;
  const examples: ReadmeExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? '')) continue;
    const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
    if (end === -1) throw new Error(`${readme}:${i + 1}: the ts block is never closed`);
    const annotation = ANNOTATION.exec((lines[i - 1] ?? '').trim());
    if (annotation && !annotation[2]) throw new Error(`${readme}:${i}: "example: ${annotation[1]}" needs a reason`);
    const index = examples.length + 1;
    examples.push({
      readme,
      index,
      line: i + 1,
      mode: (annotation?.[1] as ExampleMode | undefined) ?? 'run',
      reason: annotation?.[2] ?? '',
      code: `${lines.slice(i + 1, end).join('\n')}\n`,
      id: `${name}-${index}`,
    });
    i = end;
  }
  return examples;
}

/** The READMEs that ship in a package: one per workspace package. */
export function packageReadmes(root: string): string[] {
  const readmes: string[] = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group)).sort()) readmes.push(`${group}/${name}/README.md`);
  }
  return readmes;
}
