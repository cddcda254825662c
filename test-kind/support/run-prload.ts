import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../apps/ci-runner/dist/bin/prload.js', import.meta.url));
/** `../shared/third_party` beside the checkout (see its README), or PRLOAD_THIRD_PARTY_DIR. */
const THIRD_PARTY =
  process.env['PRLOAD_THIRD_PARTY_DIR'] ?? fileURLToPath(new URL('../../../shared/third_party', import.meta.url));
export const TRAEFIK_CHART = join(THIRD_PARTY, 'traefik-chart-41.3.0', 'traefik');

/** Set by scripts/test-kind.mjs from `scripts/kind-images.sh env`; these tests never build or pick images. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set — run these tests with \`npm run test:kind\``);
  return value;
}

/**
 * The environment of an offline kind run: prload's node image, the http-echo stand-in and Traefik built on this
 * machine, loaded into the nodes, and the Traefik chart from ../shared/third_party (no registry is reachable).
 */
export function offlineKindEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  if (!existsSync(`${TRAEFIK_CHART}/Chart.yaml`)) {
    throw new Error(
      `the Traefik chart is not at ${TRAEFIK_CHART}: these tests need ../shared/third_party (or PRLOAD_THIRD_PARTY_DIR)`,
    );
  }
  return {
    ...process.env,
    PRLOAD_KIND: required('PRLOAD_KIND'),
    PRLOAD_NODE_IMAGE: required('PRLOAD_NODE_IMAGE'),
    PRLOAD_APP_IMAGE: required('PRLOAD_APP_IMAGE'),
    PRLOAD_INGRESS_CONTROLLER: 'traefik',
    PRLOAD_INGRESS_CHART: TRAEFIK_CHART,
    PRLOAD_INGRESS_IMAGE: required('PRLOAD_INGRESS_IMAGE'),
    PRLOAD_PRELOAD_IMAGES: required('PRLOAD_PRELOAD_IMAGES'),
    // Never a PR comment from a test run, even inside GitHub Actions.
    PRLOAD_COMMENT: 'false',
    ...extra,
  };
}

export interface PrloadRun {
  readonly child: ChildProcess;
  /** Everything printed so far (stderr and stdout, in order). */
  output(): string;
  /** Resolves with the first output line matching `pattern`; rejects if the process exits first. */
  waitForLine(pattern: RegExp): Promise<string>;
  /** Exit code (or 128 + signal number), and the whole output. */
  exited: Promise<{ code: number; output: string; ms: number }>;
}

/** The action's bundle of the CLI, alone in a temporary folder (scripts/test-kind.mjs builds it). */
export function actionBundle(): string {
  return required('PRLOAD_E2E_BUNDLE');
}

/**
 * Starts the real `prload` CLI (the workspace build, or `bin`, e.g. the action's bundle); its progress lines are
 * echoed with a prefix so a CI log shows the run.
 */
export function startPrload(args: readonly string[], env: NodeJS.ProcessEnv, bin = BIN): PrloadRun {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let text = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  const onData = (chunk: Buffer) => {
    const piece = chunk.toString();
    text += piece;
    for (const line of piece.split('\n')) if (line.trim() !== '') process.stderr.write(`    │ ${line}\n`);
    for (const waiter of [...waiters]) {
      const line = text.split('\n').find((l) => waiter.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = once(child, 'exit').then(([code, signal]) => {
    for (const waiter of waiters) waiter.reject(new Error(`prload exited before printing ${waiter.pattern}`));
    return { code: code ?? 128 + (signal === 'SIGINT' ? 2 : 15), output: text, ms: Date.now() - started };
  });
  return {
    child,
    output: () => text,
    waitForLine(pattern) {
      const line = text.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) return Promise.resolve(line);
      if (child.exitCode !== null) return Promise.reject(new Error(`prload exited before printing ${pattern}`));
      return new Promise((resolve, reject) => waiters.push({ pattern, resolve, reject }));
    },
    exited,
  };
}
