import type { core } from 'zod';

/** Where a config value came from, so an error names what the user typed. */
export type Origin =
  | { readonly kind: 'flag' | 'env'; readonly name: string }
  | { readonly kind: 'file'; readonly file: string };

/** `['load', 'targets', 0, 'host']` → `load.targets[0].host`. */
export function keyPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

const ARTICLE: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
};

/** Zod's default wording; we replace it with words that name the expectation and the value given. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

function explain(issue: core.$ZodIssue): string {
  const custom = !ZOD_DEFAULT.test(issue.message);
  switch (issue.code) {
    case 'invalid_type':
      return custom ? issue.message : `must be ${ARTICLE[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_union':
      return custom ? issue.message : 'has the wrong type';
    case 'too_small':
      if (custom) return issue.message;
      if (issue.origin === 'array') return `must list at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      return custom ? issue.message : `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    default:
      return issue.message;
  }
}

/** Edit distance, to suggest the key the user probably meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

export function suggest(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

export interface FormatContext {
  /** Origin of each value by key path, as produced by `keyPath`. */
  readonly origins: ReadonlyMap<string, Origin>;
  /** The keys allowed at a key path, for "did you mean" hints. */
  readonly knownKeys: (path: readonly PropertyKey[]) => readonly string[];
}

function label(path: readonly PropertyKey[], context: FormatContext): string {
  const key = keyPath(path);
  const origin = context.origins.get(key);
  if (origin?.kind === 'flag') return origin.name;
  if (origin?.kind === 'env') return `${origin.name} (${key})`;
  return key === '' ? 'config' : key;
}

/** One line per problem, naming the flag, variable or key path: `load.rate: must be a positive number, got -5`. */
export function formatIssues(issues: readonly core.$ZodIssue[], context: FormatContext): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = context.knownKeys(issue.path);
      for (const key of issue.keys) {
        const hint = suggest(key, known);
        lines.push(`${label([...issue.path, key], context)}: unknown key${hint ? ` (did you mean ${hint}?)` : ''}`);
      }
      continue;
    }
    const got = issue.input === undefined ? '' : `, got ${describe(issue.input)}`;
    lines.push(`${label(issue.path, context)}: ${explain(issue)}${got}`);
  }
  return lines;
}
