/**
 * The bounded fuzzer (issue #10): 20 000 mutated frames of every message type against
 * a real `wrangler dev` room; afterwards a stock client still syncs and a known edit is
 * intact. The longer mode is `npm run bench:fuzz` (bench/fuzz.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRoom } from '../../testing/fuzz';
import { until } from '../../testing/until';
import { fileByPath } from '../../worker/src/room/doc';
import { whenSynced, yWebsocketClient } from '../support/clients';
import { createRoom, startWorker, type Worker } from '../support/worker';

const FRAMES = 20_000;
let worker: Worker;
beforeAll(async () => {
  // Runs the fuzz asks for go nowhere (the discard port): this file tests the room, not the executor.
  worker = await startWorker({
    EXECUTOR_URL: 'http://127.0.0.1:9',
    EXECUTOR_SECRET: 'fuzz-secret-0123456789abcdef0123456789',
  });
});
afterAll(async () => {
  await worker?.dispose();
});

describe('fuzzer', () => {
  it(`[SEC-FUZZ1] ${FRAMES} mutated frames of every type leave the room working and a known edit intact`, async () => {
    const room = await createRoom(worker);
    const author = yWebsocketClient(worker, room, 'candidate');
    await whenSynced(author);
    const known = '# known edit before the fuzz\n';
    fileByPath(author.doc, 'main.py')?.text.insert(0, known);
    await until(() => author.text().startsWith(known) || undefined, 'the known edit locally');
    // Let the edit reach the room before the storm.
    const check = yWebsocketClient(worker, room, 'observer');
    await whenSynced(check);
    await until(() => check.text().startsWith(known) || undefined, 'the known edit at the room');
    check.destroy();

    for (const [role, token] of [
      ['candidate', room.tokens.candidate],
      ['observer', room.tokens.observer],
    ] as const) {
      const report = await fuzzRoom({
        wsUrl: worker.wsUrl,
        roomId: room.roomId,
        token,
        frames: FRAMES / 2,
        seed: role.length,
      });
      expect(report.sent).toBeGreaterThanOrEqual(FRAMES / 2);
      expect(Object.keys(report.byKind).length).toBe(6);
    }

    const stock = yWebsocketClient(worker, room, 'interviewer');
    await whenSynced(stock);
    expect(stock.text().startsWith(known)).toBe(true);
    // The room still takes and relays an edit.
    fileByPath(stock.doc, 'main.py')?.text.insert(0, '# after\n');
    const late = yWebsocketClient(worker, room, 'observer');
    await whenSynced(late);
    await until(() => late.text().startsWith('# after\n') || undefined, 'an edit after the fuzz');
    author.destroy();
    stock.destroy();
    late.destroy();
  }, 420_000);
});
