// Types of nginx.mjs for the TypeScript tests that start nginx through it (@prload/loadgen's engine conformance suite).

export declare const NGINX_BODY: string;

/** What to do when findNginx() finds none. */
export declare const NGINX_MISSING: string;

/** The nginx binary: `PRLOAD_NGINX`, else `nginx` on PATH or in /usr/sbin; undefined when there is none (or `PRLOAD_NGINX` names no executable). */
export declare function findNginx(): string | undefined;

export interface PrivateNginxOptions {
  /** Loopback ports to allocate and wait for. @default 1 */
  readonly ports?: number;
  /** The body of the `http {}` block; its servers listen on 127.0.0.1 at `ports`. */
  readonly http: (context: { readonly dir: string; readonly ports: readonly number[] }) => string;
  /** Files written into the temp dir before nginx starts: relative path -> contents. @default {} */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** How long to wait for every port to accept connections. @default 10000 */
  readonly deadlineMs?: number;
}

export interface PrivateNginx {
  /** The temp dir holding the config, logs and files; removed by `stop`. */
  readonly dir: string;
  readonly ports: readonly number[];
  /** The master process. */
  readonly pid: number | undefined;
  kill(signal: NodeJS.Signals): boolean;
  /** Stops gracefully (SIGQUIT), killing after 5 s, and removes the temp dir. */
  stop(): Promise<void>;
}

/** Starts a private foreground nginx with a generated config in a temp dir; resolves once it listens. */
export declare function startPrivateNginx(options: PrivateNginxOptions): Promise<PrivateNginx>;

export interface BenchNginx {
  readonly address: string;
  readonly port: number;
  readonly pid: number | undefined;
  arrivals(): Promise<number[]>;
  stop(): Promise<void>;
}

/** The benchmarks' nginx: one short body for every request. */
export declare function startNginx(options?: { readonly logArrivals?: boolean }): Promise<BenchNginx>;
