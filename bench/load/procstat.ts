/**
 * CPU and memory of a server's whole process tree, read from /proc: `wrangler dev` is
 * a Node process with two workerd children (its proxy and the worker), the direct
 * worker is a Node host with one workerd, the reference is one Node process. Reading
 * the tree counts all of them, whichever does the work.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, in clock ticks. */
  ticks: number;
  rssBytes: number;
}

const PAGE_BYTES = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;

function readStat(pid: number): Stat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // the process ended between the listing and the read
  }
  // comm is in parentheses and may hold spaces: the fields start after the last ')'.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const fields = text.slice(close + 2).split(' ');
  // Fields from 3 (state): ppid is 4, utime 14, stime 15, rss 24 (man 5 proc).
  const at = (n: number) => Number(fields[n - 3]);
  return { pid, ppid: at(4), comm, ticks: at(14) + at(15), rssBytes: at(24) * PAGE_BYTES };
}

/** The process and every descendant, as they are now. */
export function processTree(root: number): Stat[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is Stat => s !== null);
  const tree: Stat[] = [];
  const wanted = new Set([root]);
  // Parents may be listed after their children: repeat until the tree stops growing.
  for (let grown = true; grown; ) {
    grown = false;
    for (const stat of all) {
      if (!wanted.has(stat.pid) && wanted.has(stat.ppid)) {
        wanted.add(stat.pid);
        grown = true;
      }
    }
  }
  for (const stat of all) if (wanted.has(stat.pid)) tree.push(stat);
  return tree;
}

export interface TreeSample {
  at: number;
  cpuSeconds: number;
  rssBytes: number;
  processes: { pid: number; comm: string; rssBytes: number }[];
}

export function sampleTree(root: number): TreeSample {
  const tree = processTree(root);
  return {
    at: performance.now(),
    cpuSeconds: tree.reduce((n, s) => n + s.ticks, 0) / TICKS_PER_SECOND,
    rssBytes: tree.reduce((n, s) => n + s.rssBytes, 0),
    processes: tree.map(({ pid, comm, rssBytes }) => ({ pid, comm, rssBytes })),
  };
}

/**
 * CPU seconds (utime + stime) of the processes of the tree named `comm` (every one
 * when null): the direct worker's workerd apart from its Node host.
 */
export function cpuSecondsOf(root: number, comm: string | null): number {
  const tree = processTree(root).filter((s) => comm === null || s.comm === comm);
  return tree.reduce((n, s) => n + s.ticks, 0) / TICKS_PER_SECOND;
}

/** CPU time the whole machine has spent busy (every process, ours or not), in seconds. */
export function hostBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, ...ticks] = line.trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((n, t) => n + (t ?? 0), 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
  return (total - idle) / TICKS_PER_SECOND;
}

/**
 * Samples a tree every `everyMs` until stopped: CPU over the whole span (as % of one
 * core) and the peak RSS seen.
 */
export function watchTree(root: number, everyMs = 250) {
  const first = sampleTree(root);
  const hostFirst = hostBusySeconds();
  let peak = first.rssBytes;
  const timer = setInterval(() => {
    peak = Math.max(peak, sampleTree(root).rssBytes);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const last = sampleTree(root);
      peak = Math.max(peak, last.rssBytes);
      const seconds = (last.at - first.at) / 1000;
      return {
        cpuPercent: ((last.cpuSeconds - first.cpuSeconds) / seconds) * 100,
        /** The machine's busy CPU over the same span, % of one core: what the server had to share the cores with. */
        hostPercent: ((hostBusySeconds() - hostFirst) / seconds) * 100,
        peakRssBytes: peak,
      };
    },
  };
}
