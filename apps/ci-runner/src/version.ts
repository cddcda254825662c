import { readFileSync } from 'node:fs';

/** prload's own version, read from its package.json so it can never disagree with what npm installed. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
