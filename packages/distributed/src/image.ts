import { readFileSync } from 'node:fs';

/** This package's version, read from its package.json: the shards run the same prload release. */
const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The prload image the shard pods run by default: this release's. */
export const DEFAULT_IMAGE = `ghcr.io/prload/prload:${VERSION}`;
