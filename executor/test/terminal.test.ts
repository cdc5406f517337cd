/**
 * The shared terminal's sandbox (SPEC § 45): a real shell with Docker's pty in a real
 * container, driven over the job's stream from a stand-in room (support/streamRoom.ts).
 */
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/processes.mjs';
import { until } from '../../testing/until';
import type { JobEvent } from '../src/api';
import { runTerminal } from '../src/jobs/terminal';
import { RunStream } from '../src/stream/channel';
import { streamUrlFor } from '../src/stream/frames';
import { run, SECRET, signedJob, useApp } from './helper';
import { waitFor } from './receiver';
import { type StreamRoom, startStreamRoom } from './support/streamRoom';

const IDLE_MS = 15_000;
const roomPort: number = await freePort();
const app = useApp({
  EXECUTOR_CALLBACK_ORIGINS: `http://127.0.0.1:${roomPort}`,
  EXECUTOR_TERMINAL_IDLE_MS: String(IDLE_MS),
});
const docker = new Docker();
let room: StreamRoom;
beforeAll(async () => {
  room = await startStreamRoom(roomPort);
});
afterAll(async () => {
  await room.close();
});

const HELLO = 'print("hello from the file")\n';

/** Opens a terminal job for `termId` in `language` with `files`; answers its job id once its shell prompts. */
async function open(termId: string, files = [{ path: 'main.py', content: HELLO }], language = 'python') {
  const res = await signedJob(
    app(),
    { language, files, terminal: true, callbackUrl: room.callbackUrl(termId), requestId: `r:${termId}` },
    '',
  );
  expect(res.statusCode, res.body).toBe(202);
  await waitFor(() => room.screen(termId).includes('$ '), 'the prompt', 60_000);
  return res.json().id as string;
}

const type = (termId: string, data: string) => room.send(termId, { type: 'terminal.input', data });
const finished = (jobId: string) =>
  room.events.flatMap(({ event }) => (event.jobId === jobId && event.type === 'finished' ? [event] : []))[0] as
    | Extract<JobEvent, { type: 'finished' }>
    | undefined;
/** The terminal's containers of this executor (by its owner label). */
async function terminals(): Promise<Docker.ContainerInfo[]> {
  const owner = app().config.owner;
  return docker.listContainers({
    all: true,
    filters: { label: [`codesync.owner=${owner}`, 'codesync.kind=terminal'] },
  });
}

describe('the terminal sandbox', () => {
  it('[TERM1] the job schema takes a terminal only with a callback, and without stdin, tests or interactive', async () => {
    const base = { language: 'python', files: [{ path: 'main.py', content: HELLO }], terminal: true };
    const cases: [object, string][] = [
      [{}, 'callbackUrl'],
      [{ callbackUrl: room.callbackUrl('x'), stdin: 'a' }, 'stdin'],
      [{ callbackUrl: room.callbackUrl('x'), interactive: true }, 'terminal'],
    ];
    for (const [extra, field] of cases) {
      const res = await signedJob(app(), { ...base, ...extra }, '');
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(field);
    }
  });

  it('[TERM1] a shell with a pty, the files in its working directory, echoing what is typed; it compiles and runs the file', async () => {
    const jobId = await open('t-echo');
    // `test -t`, not `tty`: under gVisor the pty has no /dev/pts name, but it is a terminal.
    type('t-echo', 'echo hi-$((40+2)); test -t 0 && test -t 1 && echo a-tty; ls\r');
    await waitFor(() => /hi-42/.test(room.screen('t-echo')), 'the echo');
    await waitFor(
      () => /\r\na-tty\r\n/.test(room.screen('t-echo')) && /main\.py/.test(room.screen('t-echo')),
      'tty and ls',
    );
    // What was typed is echoed by the pty itself (the room shows it as any terminal would).
    expect(room.screen('t-echo')).toContain('echo hi-$((40+2))');
    type('t-echo', 'python3 -m py_compile main.py && python3 main.py\r');
    await waitFor(() => room.screen('t-echo').includes('hello from the file'), 'the program output');
    room.send('t-echo', { type: 'run.stop' });
    await waitFor(() => finished(jobId) !== undefined, 'the end');
    expect(finished(jobId)?.result).toMatchObject({ verdict: 'ok', stderr: 'the terminal was closed' });
  });

  it('[TERM2] the same lockdown as runs: no network, read-only root, non-root, caps dropped, limits, its own owner label', async () => {
    const jobId = await open('t-lock');
    const [info] = await terminals();
    expect(info).toBeDefined();
    const inspect = await docker.getContainer(info?.Id as string).inspect();
    expect(inspect.HostConfig).toMatchObject({ NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'] });
    expect(inspect.HostConfig.PidsLimit).toBeGreaterThan(0);
    expect(inspect.HostConfig.Memory).toBeGreaterThan(0);
    expect(inspect.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(inspect.HostConfig.CapAdd ?? []).toEqual([]);
    expect(inspect.Config.User).toBe('10001:10001');
    expect(inspect.Config.Env.join(' ')).not.toContain(SECRET);
    type(
      't-lock',
      // /proc/net/dev, not /sys/class/net: gVisor has no such directory.
      'echo net=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " " | tr "\\n" ,) uid=$(id -u); touch /etc/x 2>/dev/null || echo ro-root\r',
    );
    await waitFor(() => /net=lo, uid=10001/.test(room.screen('t-lock')), 'the probe');
    // No process in the terminal's container is root or holds a capability, the first
    // one included: the runs' runner needs both, a terminal has no runner.
    type('t-lock', 'echo bnd=$(grep CapBnd /proc/self/status | cut -f2) first=$(grep ^Uid /proc/1/status | cut -f2)\r');
    await waitFor(() => /bnd=0000000000000000 first=10001/.test(room.screen('t-lock')), 'no root, no capability');
    await waitFor(() => /ro-root/.test(room.screen('t-lock')), 'the read-only root');
    room.send('t-lock', { type: 'run.stop' });
    await waitFor(() => finished(jobId) !== undefined, 'the end');
  });

  it('[TERM3] a background process lives as long as the terminal; closing it removes the container and all in it', async () => {
    const jobId = await open('t-bg');
    type('t-bg', 'sleep 600 & echo started-$!\r');
    await waitFor(() => /started-\d+/.test(room.screen('t-bg')), 'the background job');
    // No ps in a minimal image: count the processes named sleep in /proc.
    type('t-bg', 'cat /proc/[0-9]*/comm | grep -c "^sleep$" | sed s/^/sleeping-/\r');
    await waitFor(() => /sleeping-[1-9]/.test(room.screen('t-bg')), 'the sleep still running');
    expect(await terminals()).toHaveLength(1);
    room.send('t-bg', { type: 'run.stop' });
    await waitFor(() => finished(jobId) !== undefined, 'the end');
    await waitFor(() => room.screen('t-bg').includes('[CodeSync] the terminal was closed'), 'the closing notice');
    const deadline = Date.now() + 30_000;
    while ((await terminals()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await terminals()).toHaveLength(0);
  });

  it('[TERM14] past the terminal share (1 of the 2 slots here) a terminal is refused at once, saying why; a run still runs', async () => {
    const jobId = await open('t-share');
    const asked = Date.now();
    const res = await signedJob(
      app(),
      {
        language: 'python',
        files: [{ path: 'main.py', content: HELLO }],
        terminal: true,
        callbackUrl: room.callbackUrl('t-share-2'),
        requestId: 'r2:t-share-2',
      },
      '',
    );
    expect(res.statusCode, res.body).toBe(429);
    expect(res.json().error).toMatchObject({
      code: 'terminals_full',
      message: expect.stringMatching(/allows 1 shared terminal at once \(EXECUTOR_TERMINAL_CONCURRENCY\)/),
    });
    expect(Date.now() - asked).toBeLessThan(5_000);
    // Another interview's Run is not held behind the open terminal.
    const ran = await run(app(), { language: 'python', files: [{ path: 'main.py', content: 'print(6*7)\n' }] });
    expect(ran).toMatchObject({ verdict: 'ok', stdout: '42\n' });
    room.send('t-share', { type: 'run.stop' });
    await waitFor(() => finished(jobId) !== undefined, 'the end');
  });

  it('[TERM4] a file asked for comes back from the working directory; too large, missing or not text is refused in words', async () => {
    const jobId = await open('t-file');
    type(
      't-file',
      'printf "changed\\n" > main.py; head -c 300000 /dev/zero | tr "\\0" a > big.txt; printf "\\377\\376" > bin.dat; echo wrote\r',
    );
    // The line "wrote" (bash's bracketed-paste codes may come before it), not the typed command.
    await waitFor(() => /[\r\n]wrote\r\n/.test(room.screen('t-file')), 'the writes');
    for (const path of ['main.py', 'big.txt', 'gone.py', 'bin.dat'])
      room.send('t-file', { type: 'terminal.fetch', path });
    await waitFor(
      () => (room.terminal.get('t-file') ?? []).filter((f) => f.type === 'terminal.file').length === 4,
      'four answers',
    );
    const files = Object.fromEntries(
      (room.terminal.get('t-file') ?? []).flatMap((f) => (f.type === 'terminal.file' ? [[f.path, f]] : [])),
    );
    expect(files['main.py']).toMatchObject({ content: 'changed\n' });
    expect(files['big.txt']?.problem).toMatch(/over \d+ bytes/);
    expect(files['gone.py']?.problem).toMatch(/could not be read/);
    expect(files['bin.dat']?.problem).toMatch(/not UTF-8 text/);
    room.send('t-file', { type: 'run.stop' });
    await waitFor(() => finished(jobId) !== undefined, 'the end');
  });

  it('[TERM15] bringing back a FIFO, a directory or a device is refused in words at once; the next still answers; closing removes the container', async () => {
    const jobId = await open('t-fifo');
    type('t-fifo', 'mkfifo fifo.py; mkdir dir.py; ln -s /dev/zero zero.py; echo real > ok.py; echo made\r');
    await waitFor(() => /[\r\n]made\r\n/.test(room.screen('t-fifo')), 'the files');
    const answers = () =>
      Object.fromEntries(
        (room.terminal.get('t-fifo') ?? []).flatMap((f) => (f.type === 'terminal.file' ? [[f.path, f]] : [])),
      );
    // The FIFO first: nothing ever writes to it, and what is asked after it must not wait behind it.
    for (const path of ['fifo.py', 'dir.py', 'zero.py', 'ok.py']) room.send('t-fifo', { type: 'terminal.fetch', path });
    await waitFor(() => Object.keys(answers()).length === 4, 'four answers', 10_000);
    const files = answers();
    expect(files['fifo.py']?.problem).toMatch(/fifo\.py is a named pipe \(FIFO\), not a regular file/);
    expect(files['dir.py']?.problem).toMatch(/dir\.py is a directory, not a regular file/);
    expect(files['zero.py']?.problem).toMatch(/zero\.py is a device, not a regular file/);
    expect(files['ok.py']).toMatchObject({ content: 'real\n' });
    // A read left hanging by the candidate (a reader of the FIFO in the shell) never keeps the container.
    type('t-fifo', 'cat fifo.py &\r');
    room.send('t-fifo', { type: 'run.stop' });
    await waitFor(() => finished(jobId) !== undefined, 'the end', 10_000);
    const deadline = Date.now() + 30_000;
    while ((await terminals()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await terminals()).toHaveLength(0);
  });

  it('[TERM15] a file swapped for a FIFO after its check is given up on within the deadline, in words; closing while reads hang removes the container at once', async () => {
    const jobId = await open('t-race');
    // race.py flips between a regular file and a FIFO: some reads pass the check and then open the FIFO.
    type(
      't-race',
      'mkfifo p.fifo; echo x > r.txt; (while :; do ln -sfn r.txt race.py; ln -sfn p.fifo race.py; done) & echo racing\r',
    );
    await waitFor(() => /[\r\n]racing\r\n/.test(room.screen('t-race')), 'the race');
    const answers = () =>
      (room.terminal.get('t-race') ?? []).flatMap((f) =>
        f.type === 'terminal.file' && f.path === 'race.py' ? [f] : [],
      );
    let slow: { problem?: string; afterMs: number } | null = null;
    for (let i = 0; i < 40 && !slow; i++) {
      const asked = Date.now();
      room.send('t-race', { type: 'terminal.fetch', path: 'race.py' });
      await waitFor(() => answers().length === i + 1, `answer ${i + 1}`, 15_000);
      const answer = answers()[i] as { problem?: string };
      if (/not read within 5 s/.test(answer.problem ?? '')) slow = { ...answer, afterMs: Date.now() - asked };
    }
    expect(slow, 'no read hit the FIFO in 40 tries').not.toBeNull();
    expect(slow?.problem).toMatch(/race\.py was not read within 5 s .*only regular files come back/);
    expect(slow?.afterMs).toBeLessThan(9_000);
    // Reads in flight (some stuck on the FIFO) when the terminal closes: it ends, and its container goes, at once.
    for (let i = 0; i < 6; i++) room.send('t-race', { type: 'terminal.fetch', path: 'race.py' });
    const closing = Date.now();
    room.send('t-race', { type: 'run.stop' });
    await waitFor(() => finished(jobId) !== undefined, 'the end', 10_000);
    while ((await terminals()).length > 0 && Date.now() - closing < 30_000)
      await new Promise((r) => setTimeout(r, 200));
    expect(await terminals()).toHaveLength(0);
  }, 120_000);

  it('[TERM5] an output flood is capped per second with a notice in the terminal, and the shell still answers', async () => {
    const jobId = await open('t-flood');
    type('t-flood', 'head -c 3000000 /dev/zero | tr "\\0" x\r');
    await waitFor(
      () => /\[CodeSync\] output over \d+ KB\/s is dropped/.test(room.screen('t-flood')),
      'the notice',
      60_000,
    );
    // The shell answers once the flood is over (until then its answer is dropped with the rest).
    await until(
      async () => {
        type('t-flood', 'echo after-$((6*7))\r');
        return (
          (await waitFor(() => room.screen('t-flood').includes('after-42'), 'the answer', 3_000).catch(() => false)) ||
          undefined
        );
      },
      'the shell to answer after the flood',
      90_000,
    );
    // Far less than the 3 MB written came through.
    const xs = room.screen('t-flood').replace(/[^x]/g, '').length;
    expect(xs).toBeGreaterThan(0);
    expect(xs).toBeLessThan(3_000_000);
    room.send('t-flood', { type: 'run.stop' });
    await waitFor(() => finished(jobId) !== undefined, 'the end');
  }, 180_000);

  it('[TERM6] no input for the idle time closes the terminal, saying so', async () => {
    const jobId = await open('t-idle');
    await waitFor(() => finished(jobId) !== undefined, 'the idle close', IDLE_MS + 60_000);
    expect(finished(jobId)?.result.stderr).toMatch(/no input for 15 s/);
    expect(room.screen('t-idle')).toContain('[CodeSync] no input for 15 s: the terminal was closed');
  }, 120_000);

  it('[TERM6] the hard cap closes a terminal however busy it is', async () => {
    const termId = 't-hard';
    const url = streamUrlFor(room.callbackUrl(termId), 'job-hard', `r:${termId}`) as URL;
    const live = await RunStream.open(url, SECRET);
    const job = {
      id: 'job-hard',
      request: { language: 'python' as const, files: [{ path: 'main.py', content: HELLO }], terminal: true },
    };
    await waitFor(() => room.connected(termId), 'the stream');
    // Typed at once: it waits in the stream until the shell is there.
    type(termId, 'while true; do echo busy; sleep 1; done\r');
    const ended = runTerminal(app().sandbox, job as never, live, { idleMs: 600_000, hardMs: 8_000, memoryMb: 256 });
    expect(await ended).toMatch(/reached its limit of 8 s/);
    live.close();
  }, 120_000);
});
