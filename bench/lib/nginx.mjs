import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './wait-port.mjs';

export const NGINX_BODY = 'ok';

/**
 * Starts a private nginx (one worker, loopback only) answering every request with a short body.
 * With `logArrivals`, each request's completion time ($msec, 1 ms resolution) goes to an access
 * log, so request rates can be counted server-side.
 */
export async function startNginx({ logArrivals = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'prload-bench-nginx-'));
  const port = await freePort();
  const logPath = join(dir, 'arrivals.log');
  const accessLog = logArrivals ? `access_log ${logPath} arrivals buffer=256k flush=1s;` : 'access_log off;';
  const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
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
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(
    'nginx',
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await Promise.race([
    waitForPort(port),
    exited.then((code) => {
      throw new Error(`nginx exited with ${code}; install it with: apt-get install -y nginx`);
    }),
  ]);
  return {
    address: `http://127.0.0.1:${port}`,
    port,
    /** The master process (nginx runs in the foreground); its one worker is its child. */
    pid: child.pid,
    /** Completion times (ms since epoch) of every logged request; flushes the log first. */
    async arrivals() {
      if (!logArrivals) throw new Error('started without logArrivals');
      // SIGUSR1 makes nginx reopen (and so flush) its logs; poll until the count settles.
      child.kill('SIGUSR1');
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
    async stop() {
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
