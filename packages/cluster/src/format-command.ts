/** A program and its arguments, as run (or, in a dry run, as it would be run). */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell, so a printed command can be pasted and run as is. */
export function shellQuote(word: string): string {
  if (word.length > 0 && SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `kind create cluster --name 'a b'`: one line a person can copy into a shell. */
export function formatCommand(command: Command): string {
  return [command.file, ...command.args].map(shellQuote).join(' ');
}
