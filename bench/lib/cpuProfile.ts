/**
 * A V8 CPU profile of a running workerd over its inspector (Chrome DevTools Protocol:
 * Profiler.start / Profiler.stop over one WebSocket), and the profile's self time summed
 * by the source file each function came from. The worker runs as one esbuild bundle;
 * esbuild heads each module's part of it with a `// path/to/file.ts` comment, so a
 * function's line in the bundle says which of our files (or which package) it is in.
 *
 * @example
 * const profiler = await startProfile(9131);
 * … load …
 * const profile = await profiler.stop();
 * console.log(topSelfTime(profile, readFileSync('bundle/index.js', 'utf8')));
 */
import WebSocket from 'ws';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Connects to the first target workerd's inspector lists and starts sampling. */
export async function startProfile(port: number, intervalUs = 200) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    title: string;
    webSocketDebuggerUrl: string;
  }[];
  // workerd lists one target per worker; the bundle's is the one that is not Miniflare's own.
  const target = targets.find((t) => !t.title.includes('miniflare')) ?? targets[0];
  if (!target) throw new Error(`workerd's inspector on port ${port} lists no target`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: intervalUs });
  await call('Profiler.start');
  return {
    async stop(): Promise<CpuProfile> {
      const { profile } = (await call('Profiler.stop')) as { profile: CpuProfile };
      ws.close();
      return profile;
    },
  };
}

/** Each bundle line's source file, from esbuild's `// file` module headers. */
function fileOfLine(bundle: string): (line: number) => string {
  const starts: { line: number; file: string }[] = [];
  bundle.split('\n').forEach((text, line) => {
    const header = /^\/\/ ((?:\.\.\/)*(?:node_modules\/)?[\w@./-]+\.(?:ts|js|mjs|cjs))$/.exec(text);
    if (header?.[1]) starts.push({ line, file: header[1].replace(/^(\.\.\/)+/, '') });
  });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found = '(bundle)';
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = starts[mid] as { line: number; file: string };
      if (start.line <= line) {
        found = start.file;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };
}

/** Where a package's files go in the summary: the package, not each of its files. */
const packageOf = (file: string) => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return match ? `${match[1]} (package)` : file;
};

/**
 * Self time by function (with its file) and by file, largest first, as % of the
 * profile's samples. Runtime entries ("(garbage collector)", "(program)", "(idle)")
 * are listed as they are.
 */
export function topSelfTime(profile: CpuProfile, bundle: string, top = 25) {
  const fileOf = fileOfLine(bundle);
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  // Each sample weighs at most 4 sampling intervals: on a loaded machine the thread is
  // descheduled now and then, and the sample after such a gap would carry the whole gap
  // (single samples of almost a second were seen), charging it to whatever ran next.
  const deltas = [...profile.timeDeltas].sort((a, b) => a - b);
  const cap = 4 * (deltas[Math.floor(deltas.length / 2)] ?? 0);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((nodeId, i) => {
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + Math.min(cap, profile.timeDeltas[i] ?? 0));
  });
  const busyUs = [...selfUs].reduce((n, [id, us]) => {
    const name = byNode.get(id)?.callFrame.functionName;
    return name === '(idle)' ? n : n + us;
  }, 0);
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nameOf = (id: number | undefined) => {
    const frame = id === undefined ? undefined : byNode.get(id)?.callFrame;
    if (!frame) return '(root)';
    const file = frame.url ? packageOf(fileOf(frame.lineNumber)) : '(runtime)';
    return `${frame.functionName || '(anonymous)'}  ${file}`;
  };
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  /** Per function, its self time by caller: which path makes it hot. */
  const callers = new Map<string, Map<string, number>>();
  for (const [id, us] of selfUs) {
    const frame = byNode.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    const file = frame.url ? packageOf(fileOf(frame.lineNumber)) : '(runtime)';
    const name = nameOf(id);
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const from = callers.get(name) ?? new Map<string, number>();
    const caller = nameOf(parentOf.get(id));
    from.set(caller, (from.get(caller) ?? 0) + us);
    callers.set(name, from);
  }
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  const row = ([what, us]: [string, number]) => ({ what, 'self ms': us / 1000, '% of busy': (us / busyUs) * 100 });
  const functions = rank(byFunction).map(([what, us]) => {
    const [caller] = [...(callers.get(what) ?? [])].sort((a, b) => b[1] - a[1]);
    return { ...row([what, us]), 'mostly from': caller?.[0] ?? '' };
  });
  return { busyMs: busyUs / 1000, functions, files: rank(byFile).map(row) };
}
