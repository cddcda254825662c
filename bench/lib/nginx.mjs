import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { freePort, waitForPort } from './wait-port.mjs';

export const NGINX_BODY = 'ok';

/** What to do when findNginx() finds none. */
export const NGINX_MISSING =
  'nginx not found (PRLOAD_NGINX, PATH, /usr/sbin): install it (apt-get install -y nginx) or point PRLOAD_NGINX at it';

/** How long a graceful stop may take before nginx is killed. */
const STOP_DEADLINE_MS = 5_000;

/**
 * The nginx binary: `PRLOAD_NGINX`, else `nginx` on PATH or in /usr/sbin (Debian's, which a
 * non-root PATH may lack); undefined when there is none (or `PRLOAD_NGINX` names no executable).
 */
export function findNginx() {
  const configured = process.env.PRLOAD_NGINX;
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin'];
  const candidates = configured ? [configured] : dirs.map((dir) => join(dir, 'nginx'));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Starts a private nginx in the foreground (`daemon off`, master and one worker) on loopback ports
 * of its own, with everything (config, pid file, error log, temp paths, `files`) in a fresh temp
 * dir, and resolves once every port accepts connections (polled with backoff up to `deadlineMs`).
 * `http({ dir, ports })` returns the body of the `http {}` block: its server blocks must listen on
 * 127.0.0.1 at `ports`. `files` (relative path -> contents) are written into the dir first; the dir
 * is world-readable because the worker drops root to `nobody`.
 */
export async function startPrivateNginx({ ports: portCount = 1, http, files = {}, deadlineMs = 10_000 }) {
  const binary = findNginx();
  if (binary === undefined)
    throw new Error('nginx not found on PATH: install it (apt-get install -y nginx) or set PRLOAD_NGINX');
  const dir = mkdtempSync(join(tmpdir(), 'prload-nginx-'));
  chmodSync(dir, 0o755);
  for (const [name, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), contents);
  }
  const ports = [];
  for (let i = 0; i < portCount; i++) ports.push(await freePort());
  const errorLog = join(dir, 'error.log');
  const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${errorLog} warn;
events { worker_connections 4096; }
http {
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${http({ dir, ports })}
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', errorLog, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (data) => {
    stderr = `${stderr}${data}`.slice(-4096);
  });
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code));
    // A binary that cannot be started emits 'error' and, at most, a later 'exit'.
    child.once('error', (error) => resolve(error.message));
  });
  const stop = async () => {
    child.kill('SIGQUIT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    await exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  let failure;
  await Promise.race([
    Promise.all(ports.map((port) => waitForPort(port, deadlineMs))).catch((error) => {
      failure = error;
    }),
    exited.then((how) => {
      let log = '';
      try {
        log = readFileSync(errorLog, 'utf8');
      } catch {
        // nginx exited before it opened its log
      }
      failure = new Error(
        `nginx (${binary}) exited (${how}) before listening: ${`${stderr}${log}`.trim().slice(-2000)}`,
      );
    }),
  ]);
  if (failure !== undefined) {
    await stop();
    throw failure;
  }
  return {
    dir,
    ports,
    /** The master process (nginx runs in the foreground); its one worker is its child. */
    pid: child.pid,
    /** Sends the master a signal, e.g. SIGUSR1 to reopen (and so flush) its logs. */
    kill: (signal) => child.kill(signal),
    /** Stops gracefully (SIGQUIT), killing after 5 s, and removes the temp dir. */
    stop,
  };
}

/**
 * Starts a private nginx (one worker, loopback only) answering every request with a short body.
 * With `logArrivals`, each request's completion time ($msec, 1 ms resolution) goes to an access
 * log, so request rates can be counted server-side.
 */
export async function startNginx({ logArrivals = false } = {}) {
  let logPath = '';
  const nginx = await startPrivateNginx({
    http: ({ dir, ports: [port] }) => {
      logPath = join(dir, 'arrivals.log');
      const accessLog = logArrivals ? `access_log ${logPath} arrivals buffer=256k flush=1s;` : 'access_log off;';
      return `
  log_format arrivals '$msec';
  keepalive_requests 100000000;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:${port} backlog=4096;
    ${accessLog}
    location / {
      default_type text/plain;
      return 200 '${NGINX_BODY}';
    }
  }`;
    },
  });
  const [port] = nginx.ports;
  return {
    address: `http://127.0.0.1:${port}`,
    port,
    pid: nginx.pid,
    /** Completion times (ms since epoch) of every logged request; flushes the log first. */
    async arrivals() {
      if (!logArrivals) throw new Error('started without logArrivals');
      // SIGUSR1 makes nginx reopen (and so flush) its logs; poll until the count settles.
      nginx.kill('SIGUSR1');
      let last = -1;
      let delay = 20;
      for (let i = 0; i < 40; i++) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 250);
        const lines = readFileSync(logPath, 'utf8').split('\n').filter(Boolean);
        if (lines.length === last) return lines.map((l) => Number(l) * 1000);
        last = lines.length;
      }
      throw new Error('nginx access log did not settle');
    },
    stop: nginx.stop,
  };
}
