/**
 * Running code from a room, end to end: wrangler dev, the real executor, Docker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../executor/src/api';
import { isClosed, outputOf, type Run } from '../worker/src/runs/run';
import { whenSynced, yWebsocketClient } from './support/clients';
import { Participant } from './support/participant';
import { type Stack, startStack } from './support/stack';
import { createRoom, until, type Worker } from './support/worker';

let stack: Stack;
let worker: Worker;

beforeAll(async () => {
  stack = await startStack();
  worker = stack.worker;
}, 120_000);
afterAll(async () => {
  await stack?.dispose();
}, 60_000);

/** The run as the participant's web-app fold has it, once it closed (finished or failed). */
const finishedRun = (p: Participant, runId: string) =>
  until(
    () => {
      const run = p.runById(runId);
      return run && isClosed(run) ? run : undefined;
    },
    `run ${runId} to end`,
    30_000,
  );

/** The event types of one run's messages, in arrival order (`queued` for the first). */
const eventTypes = (p: Participant, runId: string) =>
  p.runMessages(runId).map((m) => (m.type === 'run.event' ? m.event.type : m.type));

describe('runs from a room', () => {
  it('[RUN17][SYNC2][FIG4] both participants see started, the output and finished (compile and run figures apart); a stock client keeps working', async () => {
    const room = await createRoom(worker);
    const candidate = new Participant(worker, room, 'candidate', 'Cara');
    const interviewer = new Participant(worker, room, 'interviewer', 'Ian');
    const stock = yWebsocketClient(worker, room, 'observer');
    await Promise.all([candidate.synced(), interviewer.synced(), whenSynced(stock)]);

    candidate.replace('main.py', 'name = input()\nprint(f"hello {name}")\n');
    await until(() => interviewer.file().toString().startsWith('name = input()'), 'the edit to reach the interviewer');
    candidate.run({ stdin: 'world\n' });

    const queued = await until(() => interviewer.find('run.queued'), 'run.queued');
    const { runId } = queued.run;
    expect(queued.run).toMatchObject({
      startedBy: { name: 'Cara', role: 'candidate' },
      language: 'python',
      stdin: 'world\n',
    });
    for (const p of [candidate, interviewer]) {
      const run = await finishedRun(p, runId);
      expect(run).toMatchObject({ state: 'finished', verdict: 'ok', exitCode: 0 });
      expect(outputOf(run)).toEqual([{ stream: 'stdout', data: 'hello world\n' }]);
      const types = eventTypes(p, runId);
      expect(types.slice(0, 2)).toEqual(['run.queued', 'started']);
      expect(types).toContain('output');
      const streamed = p
        .runMessages(runId)
        .flatMap((m) => (m.type === 'run.event' && m.event.type === 'output' ? [m.event.data] : []))
        .join('');
      expect(streamed).toBe('hello world\n');
    }
    expect(stock.provider.wsconnected).toBe(true);
    expect(stock.text()).toBe('name = input()\nprint(f"hello {name}")\n');

    const res = await fetch(`${worker.url}/api/runs/${runId}`, {
      headers: { authorization: `Bearer ${room.tokens.observer}` },
    });
    const stored = (await res.json()) as Run;
    expect(stored).toMatchObject({ state: 'finished', verdict: 'ok' });
    // [FIG4] The compile step and the run each come with their own time and memory.
    expect(stored).toMatchObject({
      compileTimeMs: expect.any(Number),
      compileMemoryKb: expect.any(Number),
      timeMs: expect.any(Number),
      memoryKb: expect.any(Number),
    });
    // The place of record and a browser's fold of the broadcasts hold the same run.
    expect(stored).toEqual(candidate.runById(runId));
    const analysis = await fetch(`${worker.url}/api/runs/${runId}/analysis`, {
      headers: { authorization: `Bearer ${room.tokens.observer}` },
    });
    expect(await analysis.json()).toEqual({ runId, diagnostics: [] });
    for (const c of [candidate, interviewer, stock]) c.destroy();
  });

  it('[EXEC5] a C compile error arrives as compile_error with the compiler output', async () => {
    const room = await createRoom(worker, { language: 'c' });
    const candidate = new Participant(worker, room, 'candidate');
    await candidate.synced();
    candidate.replace('main.c', 'int main(void) { return missing; }\n');
    candidate.run();
    const queued = await until(() => candidate.find('run.queued'), 'run.queued');
    const run = await finishedRun(candidate, queued.run.runId);
    if (run.state !== 'finished') throw new Error(`expected a finished run, got ${JSON.stringify(run)}`);
    expect(run.verdict).toBe('compile_error');
    expect(run.output.find((o) => o.stream === 'compile')?.data).toContain('missing');
    // Analysis follows `finished`: wait for it rather than assume it came with the result.
    const analysed = await until(() => {
      const r = candidate.runById(run.runId);
      return r?.state === 'finished' && r.diagnostics.length > 0 ? r : undefined;
    }, 'the analysis');
    expect(analysed.diagnostics.some((d) => d.severity === 'error' && d.path === 'main.c')).toBe(true);
    candidate.destroy();
  });

  it('[ROLE3] an observer run is refused', async () => {
    const room = await createRoom(worker);
    const observer = new Participant(worker, room, 'observer');
    await observer.synced();
    observer.run();
    await until(() => observer.find('error', (m) => m.code === 'forbidden'), 'the refusal');
    expect(observer.find('run.queued')).toBeUndefined();
    observer.destroy();
  });

  it('[RUN12] a forged callback gets 401 and is not broadcast', async () => {
    const room = await createRoom(worker);
    const watcher = new Participant(worker, room, 'interviewer');
    await watcher.synced();
    watcher.run({ stdin: '' });
    const { run } = await until(() => watcher.find('run.queued'), 'run.queued');
    await finishedRun(watcher, run.runId);
    const forged = JSON.stringify({
      jobId: 'x',
      requestId: `${room.roomId}:${run.runId}`,
      seq: 99,
      type: 'output',
      stream: 'stdout',
      data: 'FORGED',
    });
    const res = await fetch(`${worker.url}/internal/runs/${run.runId}/events`, {
      method: 'POST',
      headers: await signedHeaders('not-the-secret-0123456789abcdef0123456789', 'to-worker', {
        method: 'POST',
        path: `/internal/runs/${run.runId}/events`,
        body: forged,
      }),
      body: forged,
    });
    expect(res.status).toBe(401);
    const late = new Participant(worker, room, 'observer');
    await late.synced();
    await until(() => late.find('runs'), 'the history');
    expect(JSON.stringify(late.messages)).not.toContain('FORGED');
    expect(JSON.stringify(watcher.messages)).not.toContain('FORGED');
    for (const p of [watcher, late]) p.destroy();
  });

  it('[RUN11] a late joiner receives the run history with its output', async () => {
    const room = await createRoom(worker);
    const first = new Participant(worker, room, 'candidate');
    await first.synced();
    first.run();
    const { run } = await until(() => first.find('run.queued'), 'run.queued');
    await finishedRun(first, run.runId);
    const late = new Participant(worker, room, 'observer');
    await late.synced();
    const history = await until(() => late.find('runs'), 'the history');
    expect(history.runs.map((r) => [r.runId, r.state === 'finished' && r.verdict, outputOf(r)])).toEqual([
      [run.runId, 'ok', [{ stream: 'stdout', data: 'Hello, CodeSync!\n' }]],
    ]);
    for (const p of [first, late]) p.destroy();
  });

  it('[RUN10] the executor killed mid-run fails the run cleanly; the next run works once it is back', async () => {
    const room = await createRoom(worker);
    const candidate = new Participant(worker, room, 'candidate');
    const interviewer = new Participant(worker, room, 'interviewer');
    await Promise.all([candidate.synced(), interviewer.synced()]);
    candidate.replace('main.py', 'import time\nprint("working", flush=True)\ntime.sleep(4)\nprint("done")\n');
    await until(() => interviewer.file().toString().includes('time.sleep'), 'the edit');
    candidate.run();
    const { run } = await until(() => interviewer.find('run.queued'), 'run.queued');
    await until(
      () => interviewer.find('run.event', (m) => m.runId === run.runId && m.event.type === 'output'),
      'the first output',
    );
    await stack.stopExecutor('SIGKILL');

    const failed = await finishedRun(interviewer, run.runId);
    expect(failed).toMatchObject({ state: 'failed', error: 'executor_unreachable' });
    expect(failed.state === 'failed' && failed.message).toMatch(/stopped answering|lost this run/);

    await stack.startExecutor();
    candidate.replace('main.py', 'print("back")\n');
    await until(() => interviewer.file().toString() === 'print("back")\n', 'the edit');
    candidate.run();
    const next = await until(() => interviewer.find('run.queued', (m) => m.run.runId !== run.runId), 'the next run');
    const done = await finishedRun(interviewer, next.run.runId);
    expect(done).toMatchObject({ verdict: 'ok', output: [{ stream: 'stdout', data: 'back\n' }] });
    for (const p of [candidate, interviewer]) p.destroy();
  }, 90_000);
});
