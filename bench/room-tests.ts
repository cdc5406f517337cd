/**
 * "Run tests" in a room: from the click (the `tests` message) to every case's result
 * on another participant's socket, beside running the same cases as separate plain
 * runs one after another, and beside one plain run, in the same run of the bench.
 *
 *   npm run bench:room-tests            (BENCH_SAMPLES=10, BENCH_LANGUAGES=python,javascript)
 *
 * The bank's largest question (valid-parentheses, 9 cases) with its reference solution.
 * Each start waits for the executor's pool to refill (a click on a ready room), so every
 * column measures the same thing: jobs on a ready sandbox. A plain run is the room's Run
 * as it is, static analysis included; a test run skips analysis (for Go the analyzer is
 * most of a plain run's time).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { LANGUAGES, type LanguageId } from '../executor/src/languages';
import { startExecutor } from '../scripts/lib/executor.mjs';
import { applyMigrations, freePort, startWrangler } from '../scripts/lib/processes.mjs';
import { RoomMessages } from '../testing/roomClient';
import { createRoom, httpApi } from '../testing/rooms';
import { type FileView, fileByPath } from '../worker/src/room/doc';
import type { ServerMessage } from '../worker/src/room/messages';
import { questionFromBank } from '../worker/src/room/question/fromBank';
import { roomTestCases } from '../worker/src/tests/cases';
import { summarize, table } from './lib/stats';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 10);
const LANGUAGE_LIST = (process.env.BENCH_LANGUAGES ?? 'python,javascript').split(',') as LanguageId[];
const QUESTION = 'valid-parentheses';
const CASES = roomTestCases(questionFromBank(QUESTION)?.cases ?? []);

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

async function main() {
  const secret = randomBytes(32).toString('hex');
  const executorPort = await freePort();
  const workerPort = await freePort();
  const persistTo = mkdtempSync(path.join(tmpdir(), 'codesync-bench-tests-'));
  applyMigrations(persistTo);
  const stops: (() => Promise<void>)[] = [];
  try {
    const executor = await startExecutor({
      port: executorPort,
      secret,
      env: {
        EXECUTOR_POOL_SIZE: '1',
        EXECUTOR_OWNER: process.env.EXECUTOR_OWNER ?? 'bench-room-tests',
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

    const rows: Record<string, string | number>[] = [];
    for (const language of LANGUAGE_LIST) {
      const entry = LANGUAGES[language].entry;
      const solution = readFileSync(path.join('questions', QUESTION, 'solution', entry), 'utf8');
      const tests: number[] = [];
      const separate: number[] = [];
      const single: number[] = [];
      // One room per sample: a test run and one plain run per case stay under the per-minute limit.
      for (let sample = -1; sample < SAMPLES; sample++) {
        const created = await createRoom(httpApi(`http://127.0.0.1:${workerPort}`), { questionId: QUESTION, language });
        let closed: ((judged: number) => void) | null = null;
        const clicker = participant(workerPort, created.roomId, created.tokens.candidate, (m) => {
          if (m.type === 'error') throw new Error(`the room refused: ${JSON.stringify(m)}`);
        });
        const watcher = participant(workerPort, created.roomId, created.tokens.interviewer, (m) => {
          if (m.type !== 'run.event' || !closed) return;
          if (m.event.type === 'failed') throw new Error(`a run failed: ${m.event.message}`);
          if (m.event.type === 'finished') closed(0);
        });
        await Promise.all([clicker.synced, watcher.synced]);
        const text = (fileByPath(clicker.doc, entry) as FileView).text;
        clicker.doc.transact(() => {
          text.delete(0, text.length);
          text.insert(0, solution);
        });
        const timed = async (message: object) => {
          await poolReady(executorUrl, language);
          await new Promise((r) => setTimeout(r, 200)); // let the last sandbox's removal settle
          const ended = new Promise<void>((resolve) => {
            closed = () => resolve();
          });
          const t = performance.now();
          clicker.provider.ws?.send(JSON.stringify(message));
          await ended;
          return performance.now() - t;
        };
        const testsMs = await timed({ type: 'tests' });
        let separateMs = 0;
        for (const c of CASES) {
          const ms = await timed({ type: 'run', stdin: c.stdin });
          separateMs += ms;
          if (sample >= 0 && c === CASES[0]) single.push(ms);
        }
        if (sample >= 0) {
          // The first sample warms up the images and the worker.
          tests.push(testsMs);
          separate.push(separateMs);
        }
        clicker.provider.destroy();
        watcher.provider.destroy();
      }
      const t = summarize(tests);
      const s = summarize(separate);
      const one = summarize(single);
      rows.push(
        { language, path: `Run tests (${CASES.length} cases, one job)`, 'p50 ms': t.p50, 'p99 ms': t.p99 },
        { language, path: `${CASES.length} separate runs, one after another`, 'p50 ms': s.p50, 'p99 ms': s.p99 },
        { language, path: 'one plain run', 'p50 ms': one.p50, 'p99 ms': one.p99 },
        { language, path: 'Run tests ÷ one plain run (p50)', 'p50 ms': t.p50 / one.p50, 'p99 ms': t.p99 / one.p99 },
      );
    }
    console.log(
      `\n"Run tests" on ${QUESTION} (${CASES.length} cases): the click → every result on another participant's socket, ${SAMPLES} samples\n`,
    );
    console.log(table(rows));
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    rmSync(persistTo, { recursive: true, force: true });
  }
  process.exit(0);
}

await main();
