/**
 * Click → verdict per language: from a run request in a room to `run.finished` seen by
 * another participant, for each language's starter program, beside the executor's own
 * `?wait=true` time for the same program, in the same run.
 *
 *   npm run bench:room-run
 *   BENCH_BASELINE=/path/to/checkout npm run bench:room-run   # before/after in one run
 *   BENCH_LANGUAGES=go,java BENCH_RUNS=10 npm run bench:room-run
 *
 * With BENCH_BASELINE the same rooms and programs also go through that checkout's
 * executor (its own code and its own images, which must be built there: `npm run
 * images` in it), so the table holds before and after measured side by side. Each run
 * starts once the executor's pool has refilled (a click on Run), so every sample is
 * one run on a ready sandbox.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { signedHeaders } from '../executor/src/api';
import { LANGUAGE_IDS, LANGUAGES, type LanguageId } from '../executor/src/languages';
import { startExecutor } from '../scripts/lib/executor.mjs';
import { applyMigrations, freePort, startWrangler } from '../scripts/lib/processes.mjs';
import { RoomMessages } from '../testing/roomClient';
import { createRoom, httpApi } from '../testing/rooms';
import type { ServerMessage } from '../worker/src/room/messages';
import { summarize, table } from './lib/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
/** A room may start RUNS_PER_ROOM_PER_MINUTE runs a minute: a fresh room every 15. */
const RUNS_PER_ROOM = 15;
const WARMUP_RUNS = 2;
const LANGUAGES_RUN = (process.env.BENCH_LANGUAGES?.split(',') ?? LANGUAGE_IDS) as LanguageId[];

function participant(port: number, roomId: string, token: string, onMessage: (m: ServerMessage) => void) {
  const room = new RoomMessages(onMessage);
  const doc = new Y.Doc();
  const provider = new YProvider(`127.0.0.1:${port}`, roomId, doc, {
    prefix: `/api/rooms/${roomId}/ws`,
    params: { token, name: 'bench', events: '1' },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected' && provider.ws) room.listen(provider.ws);
  });
  return { doc, provider, synced: new Promise<void>((r) => provider.once('sync', () => r())) };
}

async function poolReady(executorUrl: string, language: LanguageId) {
  for (;;) {
    const health = (await (await fetch(`${executorUrl}/health`)).json()) as { pool: { ready: Record<string, number> } };
    if ((health.pool.ready[language] ?? 0) >= 1) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Room samples (click → verdict on another screen) for one language's starter. */
async function roomSamples(workerPort: number, executorUrl: string, language: LanguageId): Promise<number[]> {
  const samples: number[] = [];
  for (let done = -WARMUP_RUNS; done < RUNS; ) {
    // A room in the language starts with its starter program as the entry file.
    const created = await createRoom(httpApi(`http://127.0.0.1:${workerPort}`), { language });
    let finished: (() => void) | null = null;
    let analysed: (() => void) | null = null;
    const runner = participant(workerPort, created.roomId, created.tokens.candidate, (m) => {
      if (m.type === 'error') throw new Error(`the room refused the run: ${JSON.stringify(m)}`);
    });
    const watcher = participant(workerPort, created.roomId, created.tokens.interviewer, (m) => {
      if (m.type !== 'run.event') return;
      if (m.event.type === 'failed') throw new Error(`a run failed: ${JSON.stringify(m.event)}`);
      if (m.event.type === 'finished') finished?.();
      if (m.event.type === 'analysis') analysed?.();
    });
    await Promise.all([runner.synced, watcher.synced]);
    for (let i = 0; i < RUNS_PER_ROOM && done < RUNS; i++, done++) {
      await poolReady(executorUrl, language);
      await new Promise((r) => setTimeout(r, 200)); // let the last run's removal settle
      const ended = new Promise<void>((resolve) => {
        finished = resolve;
      });
      const diagnostics = new Promise<void>((resolve) => {
        analysed = resolve;
      });
      const t = performance.now();
      runner.provider.ws?.send(JSON.stringify({ type: 'run' }));
      await ended;
      if (done >= 0) samples.push(performance.now() - t);
      // The next click after the diagnostics are in: a room may hold only a couple of
      // jobs at once, and a run's job lasts until its analysis ends.
      await diagnostics;
    }
    runner.provider.destroy();
    watcher.provider.destroy();
  }
  return samples;
}

/**
 * The executor alone (`?wait=true`): the verdict, without the analysis that follows it.
 * A starter that did not end `ok` (a compile cut short on a loaded machine) is counted.
 */
async function directSamples(
  secret: string,
  executorUrl: string,
  language: LanguageId,
): Promise<{ samples: number[]; notOk: number }> {
  const { entry, starter } = LANGUAGES[language];
  const body = JSON.stringify({ language, files: [{ path: entry, content: starter }] });
  const samples: number[] = [];
  let notOk = 0;
  for (let i = -WARMUP_RUNS; i < RUNS; i++) {
    await poolReady(executorUrl, language);
    await new Promise((r) => setTimeout(r, 200));
    const t = performance.now();
    const res = await fetch(`${executorUrl}/v1/jobs?wait=true`, {
      method: 'POST',
      headers: await signedHeaders(secret, 'to-executor', { method: 'POST', path: '/v1/jobs?wait=true', body }),
      body,
    });
    const result = (await res.json()) as { verdict?: string };
    if (i < 0) continue;
    samples.push(performance.now() - t);
    if (result.verdict !== 'ok') notOk++;
  }
  return { samples, notOk };
}

type Figures = Record<LanguageId, { room: number[]; direct: number[]; notOk: number }>;

/** One executor (this tree's or the baseline's) behind one wrangler dev, every language. */
async function measure(tree: string | undefined, label: string): Promise<Figures> {
  const secret = randomBytes(32).toString('hex');
  const executorPort = await freePort();
  const workerPort = await freePort();
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-bench-run-'));
  applyMigrations(persistTo);
  const stops: (() => Promise<void>)[] = [];
  try {
    const executor = await startExecutor({
      port: executorPort,
      secret,
      ...(tree ? { tree } : {}),
      env: {
        EXECUTOR_POOL_SIZE: '1',
        // What it waits to see warm, whatever EXECUTOR_POOL_LANGUAGES the shell exports.
        EXECUTOR_POOL_LANGUAGES: LANGUAGES_RUN.join(','),
        EXECUTOR_OWNER: process.env.EXECUTOR_OWNER ?? 'bench-run',
        EXECUTOR_CALLBACK_ORIGINS: `http://127.0.0.1:${workerPort}`,
      },
    });
    stops.push(() => executor.stop());
    const executorUrl = `http://127.0.0.1:${executorPort}`;
    const worker = await startWrangler({
      port: workerPort,
      persistTo,
      vars: { EXECUTOR_URL: executorUrl, EXECUTOR_SECRET: secret },
    });
    stops.push(() => worker.stop());
    const figures = {} as Figures;
    for (const language of LANGUAGES_RUN) {
      const room = await roomSamples(workerPort, executorUrl, language);
      const { samples: direct, notOk } = await directSamples(secret, executorUrl, language);
      figures[language] = { room, direct, notOk };
      console.error(`${label} ${language}: room p50 ${Math.round(summarize(room).p50)} ms`);
    }
    return figures;
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    rmSync(persistTo, { recursive: true, force: true });
  }
}

async function main() {
  const baselineTree = process.env.BENCH_BASELINE;
  const baseline = baselineTree ? await measure(baselineTree, 'baseline') : null;
  const now = await measure(undefined, 'this tree');
  const ms = (n: number) => Math.round(n);
  console.log(`\nStarter program: Run → finished seen by another participant (${RUNS} runs each)\n`);
  console.log(
    table(
      LANGUAGES_RUN.map((language) => {
        const room = summarize(now[language].room);
        const direct = summarize(now[language].direct);
        const before = baseline ? summarize(baseline[language].room) : null;
        return {
          language,
          ...(before ? { 'baseline p50 ms': ms(before.p50), 'baseline p99 ms': ms(before.p99) } : {}),
          'room p50 ms': ms(room.p50),
          'room p99 ms': ms(room.p99),
          'executor alone p50 ms': ms(direct.p50),
          'added by the room p50 ms': ms(room.p50 - direct.p50),
          'not ok (executor alone)': now[language].notOk,
        };
      }),
    ),
  );
  process.exit(0);
}

await main();
