/** commander's argParser for a repeatable flag: every occurrence, in order (`--host a --host b` → `['a', 'b']`). */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
