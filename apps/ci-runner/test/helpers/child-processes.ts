import { execFileSync } from 'node:child_process';

/** Command lines of this process's live child processes, to check that a run left nothing behind. */
export function childCommands(): string[] {
  let output = '';
  try {
    output = execFileSync('ps', ['-o', 'stat=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when there are no children.
    return [];
  }
  return output
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('Z'))
    .map((line) => line.trim().split(/\s+/).slice(1).join(' '))
    .filter((args) => !args.startsWith('ps '));
}
