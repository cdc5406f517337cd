/**
 * Where a sandbox's time goes, per runtime: the engine's steps (create, attach, start,
 * remove) and what runs inside (an empty process, perl's start, the language's start,
 * the runner with a whole job), each timed on its own, plus the engine's ceiling: bare
 * create+start+wait+remove loops of the base image, one and four at a time.
 */
import { performance } from 'node:perf_hooks';
import Docker from 'dockerode';
import { attachAll, RUNNER_CAPABILITIES } from '../../executor/src/sandbox/container';
import { summarize } from './stats';

const docker = new Docker();
/** BENCH_OWNER: two benches on one engine (several people's) must not remove each other's containers. */
const OWNER = `${process.env.BENCH_OWNER ?? 'bench'}-phases`;

export interface PhaseRow extends Record<string, string | number> {
  runtime: string;
  step: string;
  runs: number;
  'p50 ms': number;
  'p99 ms': number;
}

/** A container as the executor makes one (container.ts), with `cmd` instead of the runner. */
function spec(image: string, runtime: string, cmd: string[]): Docker.ContainerCreateOptions {
  const memory = 256 * 1024 * 1024;
  return {
    Image: image,
    Cmd: cmd,
    User: '0:0',
    WorkingDir: '/tmp',
    Env: [],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: true,
    NetworkDisabled: true,
    Labels: { 'codesync.owner': OWNER },
    HostConfig: {
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': 'rw,exec,nosuid,nodev,size=64m,mode=1777' },
      Memory: memory,
      MemorySwap: memory,
      PidsLimit: runtime === 'runsc' ? 512 : 128,
      CapDrop: ['ALL'],
      CapAdd: RUNNER_CAPABILITIES,
      SecurityOpt: ['no-new-privileges'],
      LogConfig: { Type: 'none', Config: {} },
      Runtime: runtime,
    },
  };
}

/** One container through every step, each step timed. `stdin` is written once it started. */
async function once(image: string, runtime: string, cmd: string[], stdin: Buffer | string) {
  const t0 = performance.now();
  const container = await docker.createContainer(spec(image, runtime, cmd));
  const t1 = performance.now();
  const stream = await attachAll(container);
  const t2 = performance.now();
  await container.start();
  const t3 = performance.now();
  const ended = new Promise<void>((resolve) => {
    // A hijacked stream may close without an 'end' (as in run.ts).
    for (const event of ['end', 'close', 'error']) stream.on(event, () => resolve());
    stream.resume();
  });
  stream.end(stdin);
  const { StatusCode } = (await container.wait()) as { StatusCode: number };
  await ended;
  const t4 = performance.now();
  await container.remove({ force: true });
  const t5 = performance.now();
  if (StatusCode !== 0) throw new Error(`${cmd.join(' ')} exited ${StatusCode} under ${runtime}`);
  return {
    create: t1 - t0,
    attach: t2 - t1,
    start: t3 - t2,
    'run (stdin → exit)': t4 - t3,
    remove: t5 - t4,
    total: t5 - t0,
  };
}

/**
 * Each step of `runs` containers of `image`, for each command: `commands` maps a label
 * (what runs inside) to its argv and stdin.
 */
export async function phases(
  runtime: string,
  image: string,
  commands: Record<string, { cmd: string[]; stdin: Buffer | string }>,
  runs: number,
): Promise<PhaseRow[]> {
  const rows: PhaseRow[] = [];
  for (const [label, { cmd, stdin }] of Object.entries(commands)) {
    await once(image, runtime, cmd, stdin); // warm
    const samples: Record<string, number[]> = {};
    for (let i = 0; i < runs; i++) {
      for (const [step, ms] of Object.entries(await once(image, runtime, cmd, stdin))) {
        samples[step] = [...(samples[step] ?? []), ms];
      }
    }
    for (const [step, values] of Object.entries(samples)) {
      const s = summarize(values);
      rows.push({ runtime, step: `${label}: ${step}`, runs: s.n, 'p50 ms': s.p50, 'p99 ms': s.p99 });
    }
  }
  return rows;
}

/** Bare containers of `image` running `true`, `concurrency` at a time: the engine's runs/s. */
export async function ceiling(runtime: string, image: string, runs: number, concurrency: number) {
  let next = 0;
  const samples: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < runs) {
        next += 1;
        const t = performance.now();
        await once(image, runtime, ['/bin/true'], '');
        samples.push(performance.now() - t);
      }
    }),
  );
  return { ...summarize(samples), perSecond: runs / ((performance.now() - start) / 1000) };
}

/** Removes whatever a failed run of this bench left. */
export async function cleanUp(): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: { label: [`codesync.owner=${OWNER}`] } });
  await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
}
