// A Node HTTP server for the latency-fidelity bench, run as its own process so its CPU is not the
// generator's. Modes (argv): `delay <ms>` answers after exactly <ms> (timer to just before the
// deadline, then setImmediate until it), `stall <afterMs> <ms>` answers at once but blocks its event
// loop once for <ms>, <afterMs> after the first request. Prints {"port":N} when listening; on SIGTERM
// prints {"served":N,"delayP50":ms} and exits.
import http from 'node:http';

const [mode, a, b] = process.argv.slice(2);
let served = 0;
let first = 0;
let stalled = false;
const actual = [];

const server = http.createServer((_req, res) => {
  const t0 = performance.now();
  if (first === 0) first = t0;
  if (mode === 'delay') {
    const delay = Number(a);
    const finish = () => {
      const elapsed = performance.now() - t0;
      if (elapsed < delay) {
        setImmediate(finish);
        return;
      }
      served++;
      if (actual.length < 1_000_000) actual.push(elapsed);
      res.end('ok');
    };
    setTimeout(finish, Math.max(0, delay - 2));
    return;
  }
  if (mode === 'stall' && !stalled && t0 - first >= Number(a)) {
    stalled = true;
    const until = performance.now() + Number(b);
    while (performance.now() < until) {
      // A deliberate stall: nothing is read or answered meanwhile, like a long GC pause.
    }
  }
  served++;
  res.end('ok');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.on('SIGTERM', () => {
  actual.sort((x, y) => x - y);
  console.log(JSON.stringify({ served, delayP50: actual[Math.floor(actual.length / 2)] ?? 0 }));
  process.exit(0);
});
