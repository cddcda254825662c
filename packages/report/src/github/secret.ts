import { setSecret } from '@actions/core';

/** Replaces every occurrence of the secrets in `text` with `***`. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would mangle ordinary words; real tokens are 40+ characters.
    if (secret && secret.length >= 8) out = out.split(secret).join('***');
  }
  return out;
}

/**
 * Registers the token with the Actions runner so it is masked in every later
 * log line, including ones printed by other steps' tools. Only inside Actions:
 * elsewhere the `::add-mask::` command would itself print the token.
 */
export function maskSecret(secret: string, env: NodeJS.ProcessEnv): void {
  if (env.GITHUB_ACTIONS === 'true' && secret) setSecret(secret);
}
