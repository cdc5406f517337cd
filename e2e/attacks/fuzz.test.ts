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
import { createRoom, roomFiles, startWorker, type Worker } from '../support/worker';

const FRAMES = 20_000;
/** Checked after every batch: sockets closed on bad frames, a live client equals the room, nothing pending. */
const BATCHES = 4;
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
  it(`[SEC-FUZZ1] ${FRAMES} mutated frames of every type in ${BATCHES} batches: after each, bad frames closed their sockets, a live client equals the room, nothing is pending; the known edit stays`, async () => {
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

    // A stock client that stays for the whole storm: after each batch it must equal the room.
    const live = yWebsocketClient(worker, room, 'observer');
    await whenSynced(live);
    const kinds = new Set<string>();
    for (let batch = 0; batch < BATCHES; batch++) {
      const role = batch % 2 === 0 ? 'candidate' : 'observer';
      const report = await fuzzRoom({
        wsUrl: worker.wsUrl,
        roomId: room.roomId,
        token: room.tokens[role],
        frames: FRAMES / BATCHES,
        seed: batch + 1,
      });
      expect(report.sent).toBeGreaterThanOrEqual(FRAMES / BATCHES);
      for (const kind of Object.keys(report.byKind)) kinds.add(kind);
      // Every frame that is not a y-websocket message closed its socket (LIM8).
      expect(report.malformed).toBeGreaterThan(0);
      expect(report.malformedAnswered).toBe(0);
      // The live client equals the room, and a fresh one syncs with nothing left pending:
      // a struct pending in the room's document would travel in its sync step 2.
      const fresh = yWebsocketClient(worker, room, 'observer');
      await whenSynced(fresh);
      expect(fresh.doc.store.pendingStructs).toBeNull();
      expect(fresh.doc.store.pendingDs).toBeNull();
      const files = await roomFiles(worker, room);
      await until(
        () => live.text() === files['main.py'] && fresh.text() === live.text(),
        'the live client equal to the room',
      );
      expect(live.doc.store.pendingStructs).toBeNull();
      fresh.destroy();
    }
    expect(kinds.size).toBe(6);
    live.destroy();

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
