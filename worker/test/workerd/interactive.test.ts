/**
 * Interactive runs, the room's side, inside workerd: the test holds the executor's end
 * of a run's stream (a real WebSocket through the internal route, signed with the
 * executor's key as the executor signs it) and real participant sockets. The executor's
 * side, with a real sandbox, is executor/test/interactive.test.ts; both together are
 * e2e/interactive.test.ts.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { type SigningDirection, signedHeaders } from '@codesync/executor/api';
import { STREAM_CLOSE } from '@codesync/executor/stream';
import { describe, expect, it } from 'vitest';
import { MAX_STDIN_MESSAGE_BYTES, STDIN_BURST } from '../../src/limits';
import { playbackManifest } from '../../src/playback/schema';
import type { RunRecord } from '../../src/runs/record';
import { RunRepository } from '../../src/runs/repository';
import { outputOf, type Run } from '../../src/runs/run';
import { queuedRun } from '../unit/runs/support';
import { runsOf } from './runSupport';
import { api, BASE, createRoom, Peer, until } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

/** Stores a run straight into the room's SQLite, as the room would after posting its job. */
function store(roomId: string, run: Run, jobId = 'job-1') {
  const record: RunRecord = { run, nextSeq: 0, jobId, held: [] };
  return runInDurableObject(stubOf(roomId), async (_instance, state) => {
    const waits: Promise<unknown>[] = [];
    new RunRepository(
      state.storage.sql,
      env.DB,
      () => roomId,
      (p) => waits.push(p),
    ).save(record);
    await Promise.all(waits);
  });
}

const interactiveRun = (runId: string): Run => ({ ...queuedRun(runId, Date.now()), interactive: true });

interface Dial {
  job?: string;
  request?: string;
  /** Sign another target than the one asked for. */
  signedTarget?: string;
  direction?: SigningDirection | null;
}

/** The executor's handshake for `runId` of `roomId`, signed as the executor signs it unless told otherwise. */
async function dial(roomId: string, runId: string, opts: Dial = {}): Promise<Response> {
  const query = new URLSearchParams({ job: opts.job ?? 'job-1', request: opts.request ?? `${roomId}:${runId}` });
  const target = `/internal/runs/${runId}/stream?${query}`;
  const direction = opts.direction === undefined ? 'to-worker' : opts.direction;
  const signed = direction
    ? await signedHeaders(env.EXECUTOR_SECRET, direction, {
        method: 'GET',
        path: opts.signedTarget ?? target,
        body: '',
      })
    : {};
  const { 'content-type': _, ...headers } = signed;
  return exports.default.fetch(`${BASE}${target}`, { headers: { ...headers, upgrade: 'websocket' } });
}

/** The executor's end of an accepted stream: the frames the room sent it. */
async function executorEnd(res: Response) {
  if (!res.webSocket) throw new Error(`stream refused: ${res.status} ${await res.text()}`);
  const ws = res.webSocket;
  ws.accept();
  const frames: unknown[] = [];
  const end = { ws, frames, closed: null as { code: number; reason: string } | null };
  ws.addEventListener('message', (e) => {
    frames.push(JSON.parse(e.data as string));
  });
  ws.addEventListener('close', (e) => {
    end.closed = { code: e.code, reason: e.reason };
  });
  return end;
}

const event = (roomId: string, runId: string, seq: number, body: object, jobId = 'job-1') =>
  JSON.stringify({ type: 'run.event', event: { jobId, requestId: `${roomId}:${runId}`, seq, ...body } });

const stdin = (peer: Peer, runId: string, body: object) =>
  peer.ws.send(JSON.stringify({ type: 'stdin', runId, ...body }));

describe('the stream handshake', () => {
  it('[INT9] refuses unsigned, mis-signed, wrong-job, not-interactive, closed and replayed handshakes; accepts the first good one', async () => {
    const room = await createRoom();
    await store(room.roomId, interactiveRun('live'));
    await store(room.roomId, { ...queuedRun('plain', Date.now()) });
    const refusals: [string, Promise<Response>, number][] = [
      ['unsigned', dial(room.roomId, 'live', { direction: null }), 401],
      ["signed with the worker's key", dial(room.roomId, 'live', { direction: 'to-executor' }), 401],
      [
        'signed for another job',
        dial(room.roomId, 'live', {
          signedTarget: `/internal/runs/live/stream?job=job-2&request=${room.roomId}%3Alive`,
        }),
        401,
      ],
      ['for a job the run did not post', dial(room.roomId, 'live', { job: 'job-2' }), 401],
      ['for a run of another request', dial(room.roomId, 'live', { request: `${room.roomId}:other` }), 401],
      ['for a room that does not exist', dial('nosuchroomnosuchroomnosu', 'live'), 404],
      ['for a run that is not interactive', dial(room.roomId, 'plain'), 409],
    ];
    for (const [what, res, status] of refusals) expect((await res).status, what).toBe(status);

    const first = await dial(room.roomId, 'live');
    expect(first.status).toBe(101);
    await executorEnd(first);
    // The same handshake again (a replay within the signature's window) finds the run's stream used.
    const replay = await dial(room.roomId, 'live');
    expect(replay.status).toBe(409);
    expect(await replay.text()).toMatch(/opened before/);
  });

  it('[INT9] a frame that does not parse, or an event of another job, closes the stream', async () => {
    const room = await createRoom();
    await store(room.roomId, interactiveRun('a'));
    await store(room.roomId, interactiveRun('b'));
    const a = await executorEnd(await dial(room.roomId, 'a'));
    a.ws.send('{"type":"run.event"}');
    await until(() => a.closed, 'the close');
    expect(a.closed).toMatchObject({ code: STREAM_CLOSE.badFrame });
    const b = await executorEnd(await dial(room.roomId, 'b'));
    b.ws.send(event(room.roomId, 'b', 0, { type: 'started' }, 'job-other'));
    await until(() => b.closed, 'the close');
    expect(b.closed?.reason).toMatch(/not of this stream/);
  });
});

describe('typing into a run', () => {
  it('[INT11][INT12] input is sent to the program and echoed to everyone with its typist, in order with the output, and recorded', async () => {
    const room = await createRoom();
    await store(room.roomId, interactiveRun('r'));
    const executor = await executorEnd(await dial(room.roomId, 'r'));
    const cara = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    const ian = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Ian' });
    const olga = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Olga' });
    executor.ws.send(event(room.roomId, 'r', 0, { type: 'started' }));
    executor.ws.send(event(room.roomId, 'r', 1, { type: 'output', stream: 'stdout', data: 'name? ' }));
    await until(() => outputOf(runsOf(ian).get('r') as Run).length === 1, 'the prompt');
    stdin(ian, 'r', { data: 'Ada\n' });
    await until(() => executor.frames.length === 1, 'the input at the executor');
    expect(executor.frames[0]).toEqual({ type: 'run.stdin', data: 'Ada\n' });
    executor.ws.send(event(room.roomId, 'r', 2, { type: 'output', stream: 'stdout', data: 'Hello Ada\n' }));
    stdin(cara, 'r', { eof: true });
    await until(() => executor.frames.length === 2, 'the EOF at the executor');
    expect(executor.frames[1]).toEqual({ type: 'run.eof' });
    const expected = [
      { stream: 'stdout', data: 'name? ' },
      { stream: 'stdin', data: 'Ada\n', by: 'Ian' },
      { stream: 'stdout', data: 'Hello Ada\n' },
      { stream: 'stdin', data: '^D\n', by: 'Cara' },
    ];
    for (const peer of [cara, ian, olga]) {
      await until(() => outputOf(runsOf(peer).get('r') as Run).length === 4, 'every echo');
      expect(outputOf(runsOf(peer).get('r') as Run)).toEqual(expected);
    }
    const stored = (await (await api('/api/runs/r', { token: room.tokens.observer })).json()) as Run;
    expect(outputOf(stored)).toEqual(expected);
    // [INT12] On the timeline too, with who typed.
    const manifest = playbackManifest.parse(
      await (await api(`/api/rooms/${room.roomId}/history`, { token: room.tokens.interviewer })).json(),
    );
    const typed = manifest.events.flatMap((e) =>
      e.type === 'stdin' ? [{ who: e.who.name, runId: e.runId, data: e.data }] : [],
    );
    expect(typed).toEqual([
      { who: 'Ian', runId: 'r', data: 'Ada\n' },
      { who: 'Cara', runId: 'r', data: '^D\n' },
    ]);
    // A stop goes to the executor, which kills the program.
    ian.ws.send(JSON.stringify({ type: 'run.stop', runId: 'r' }));
    await until(() => executor.frames.length === 3, 'the stop');
    expect(executor.frames[2]).toEqual({ type: 'run.stop' });
  });

  it('[INT10][SYNC17] observers, runs that are not live, oversize, malformed and too-fast input are refused and never sent; what is taken goes in the order typed', async () => {
    const room = await createRoom();
    await store(room.roomId, interactiveRun('r'));
    await store(room.roomId, { ...queuedRun('plain', Date.now()) });
    await store(room.roomId, interactiveRun('unconnected'));
    const executor = await executorEnd(await dial(room.roomId, 'r'));
    const olga = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Olga' });
    const cara = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });

    stdin(olga, 'r', { data: 'x\n' });
    olga.ws.send(JSON.stringify({ type: 'run.stop', runId: 'r' }));
    await until(() => olga.errors().length === 2, 'the observer refused');
    expect(olga.errors()).toEqual(['forbidden', 'forbidden']);
    expect(olga.messages.find((m) => m.type === 'error')).toMatchObject({ message: /observer.*type into a run/ });

    const refusals: [object, string][] = [
      [{ runId: 'plain', data: 'x\n' }, 'run_not_live'],
      [{ runId: 'unconnected', data: 'x\n' }, 'run_not_live'],
      [{ runId: 'nosuch', data: 'x\n' }, 'no_such_run'],
      [{ runId: 'r', data: 'x'.repeat(MAX_STDIN_MESSAGE_BYTES + 1) }, 'bad_message'],
      [{ runId: 'r', data: 'x\n', eof: true }, 'bad_message'],
      [{ runId: 'r' }, 'bad_message'],
    ];
    for (const [i, [body, code]] of refusals.entries()) {
      stdin(cara, (body as { runId?: string }).runId ?? 'r', body);
      await until(() => cara.errors().length === i + 1, `refusal ${i}`);
      expect(cara.errors()[i], JSON.stringify(body).slice(0, 80)).toBe(code);
    }
    // Too fast: past the burst the room refuses; what it took went through, in order.
    const sent = STDIN_BURST + 10;
    // Numbered as the web app numbers its frames (SYNC17), so they are taken in the order typed.
    for (let i = 0; i < sent; i++) stdin(cara, 'r', { data: `${i}\n`, seq: i });
    await until(() => cara.errors().length + executor.frames.length >= refusals.length + sent, 'every answer');
    const limited = cara.errors().slice(refusals.length);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((code) => code === 'rate_limited')).toBe(true);
    expect(executor.frames.length).toBe(sent - limited.length);
    // Each line taken went once, in the order typed; the echo below is in the same order,
    // so what everyone sees is what the program got.
    const numbers = executor.frames.map((f) => {
      expect(f).toMatchObject({ type: 'run.stdin' });
      return Number((f as { data: string }).data);
    });
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every((n) => n >= 0 && n < sent)).toBe(true);
    // Nothing refused was echoed.
    const echoes = outputOf(runsOf(cara).get('r') as Run).filter((o) => o.stream === 'stdin');
    expect(echoes.map((o) => o.data).join('')).toBe(executor.frames.map((f) => (f as { data: string }).data).join(''));

    // A run that ended takes no more input.
    executor.ws.send(event(room.roomId, 'r', 0, { type: 'started' }));
    await store(room.roomId, {
      ...interactiveRun('r'),
      state: 'failed',
      output: [],
      truncated: false,
      startedAt: null,
      finishedAt: Date.now(),
      error: 'timed_out',
      message: 'x',
      retryAfterS: null,
    } as Run);
    stdin(cara, 'r', { data: 'late\n' });
    await until(() => cara.errors().at(-1) === 'run_not_live', 'the late input refused');
  });
  it('[INT14][INT15] ending the room stops a live interactive run; nobody types into it after: refused (room_ended), never sent nor recorded', async () => {
    const room = await createRoom();
    await store(room.roomId, interactiveRun('r'));
    const executor = await executorEnd(await dial(room.roomId, 'r'));
    const ended = await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    expect(ended.status).toBe(200);
    await until(() => executor.frames.length === 1, 'the stop');
    expect(executor.frames).toEqual([{ type: 'run.stop' }]);
    // A link still opens the ended room to read it; its socket types into the run.
    const cara = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    stdin(cara, 'r', { data: 'after the end\n' });
    await until(() => cara.errors().length === 1, 'the input refused');
    expect(cara.errors()).toEqual(['room_ended']);
    expect(executor.frames).toEqual([{ type: 'run.stop' }]);
    const manifest = playbackManifest.parse(
      await (await api(`/api/rooms/${room.roomId}/history`, { token: room.tokens.interviewer })).json(),
    );
    expect(manifest.events.filter((e) => e.type === 'stdin')).toEqual([]);
  });
});

describe('starting one', () => {
  it('[INT1] over HTTP: interactive with stdin is refused naming stdin; interactive alone makes an interactive run', async () => {
    const room = await createRoom();
    const both = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: JSON.stringify({ interactive: true, stdin: 'x' }),
    });
    expect(both.status).toBe(400);
    expect(await both.text()).toMatch(/stdin: an interactive run is typed into/);
    const res = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: JSON.stringify({ interactive: true }),
    });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const run = (await (await api(`/api/runs/${runId}`, { token: room.tokens.observer })).json()) as Run;
    expect(run).toMatchObject({ interactive: true, stdin: '' });
  });
});
