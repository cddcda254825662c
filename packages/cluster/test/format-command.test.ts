import { describe, expect, it } from 'vitest';
import { formatCommand, shellQuote } from '../src/format-command.js';

describe('formatCommand', () => {
  it.each([
    ['plain', 'plain'],
    ['--wait=watcher', '--wait=watcher'],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
    ['$HOME', "'$HOME'"],
  ])('quotes %j as %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });

  it('joins file and args into one pasteable line', () => {
    expect(formatCommand({ file: 'helm', args: ['upgrade', '--install', 'foo', '-f', '/tmp/a b.yaml'] })).toBe(
      "helm upgrade --install foo -f '/tmp/a b.yaml'",
    );
  });
});
