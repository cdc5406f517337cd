#!/usr/bin/env node
// Ends the servers of a parent that is gone. The parent (`npm run dev`) starts this
// process in a session of its own, writes the process group of every server it starts
// to our stdin, and keeps that pipe open while it lives. However the parent ends (Ctrl-C,
// its terminal closing, SIGTERM, its whole process group killed, even SIGKILL), the pipe
// closes and we stop every group it named: TERM, then KILL after a grace period.
// Servers sit in process groups of their own so that stopping one stops what it started
// (wrangler leaves workerd running otherwise); this is what ties them to the parent.
const GRACE_MS = 4_000;
const groups = new Set();
let buffered = '';

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  const lines = buffered.split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines) if (/^\d+$/.test(line)) groups.add(Number(line));
});
process.stdin.on('close', reap);
// A terminal that closes sends us nothing (we have no terminal), but be sure of it.
for (const signal of ['SIGHUP', 'SIGINT']) process.on(signal, () => {});

function signalAll(signal) {
  let alive = 0;
  for (const pgid of groups) {
    try {
      process.kill(-pgid, signal);
      alive += 1;
    } catch {
      groups.delete(pgid); // ESRCH: that group has ended
    }
  }
  return alive;
}

function reap() {
  if (signalAll('SIGTERM') === 0) process.exit(0);
  const deadline = Date.now() + GRACE_MS;
  const timer = setInterval(() => {
    if (signalAll(0) === 0) process.exit(0);
    if (Date.now() > deadline) {
      signalAll('SIGKILL');
      process.exit(0);
    }
  }, 100);
  timer.unref?.();
}
