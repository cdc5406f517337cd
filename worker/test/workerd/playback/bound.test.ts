/**
 * The cost of `files?at=` over a two-hour interview: 36 000 updates from two typists go
 * through the room's own logic (Room: the gate, the log, compaction at its own limits)
 * into the Durable Object's real SQLite, and history is archived to R2 when the room asks
 * (HIST5). The room is loaded anew from storage now and then, as a room that went idle or
 * was evicted is: what it asks must not depend on what it remembered. Wherever the moment
 * falls, the answer is the files the room held then, and the updates applied after the
 * checkpoint stay under the bound.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { random } from '../../../../testing/random';
import { HISTORY_CHECKPOINT_UPDATES, LOG_COMPACT_ROWS } from '../../../src/limits';
import { RoomHistory } from '../../../src/playback/roomHistory';
import { fileByPath, type readFiles } from '../../../src/room/doc';
import { encodeUpdate } from '../../../src/room/protocol';
import { Room, type Sender } from '../../../src/room/room';
import { SqliteDocumentLog } from '../../../src/room/storage/documentLog';
import { History } from '../../../src/room/storage/history';
import { createRoom } from '../support';

const UPDATES = 36_000;
/** Two typists at 5 keystrokes a second together… over two hours: one update every 200 ms. */
const EVERY_MS = 200;
/** The room is loaded from storage again every this many updates, as after going idle. */
const RELOAD_EVERY = 800;

describe('files at a moment, over a two-hour interview', () => {
  it('[PLAY8] applies a bounded number of updates after the nearest checkpoint, wherever the moment falls', async () => {
    const { roomId } = await createRoom();
    const stub = env.ROOM.get(env.ROOM.idFromName(roomId));
    const figures = await runInDurableObject(stub, async (_instance, state) => {
      const rand = random(36);
      let now = Date.now();
      const load = () => new Room(new SqliteDocumentLog(state.storage), () => now);
      let room = load();
      const history = new History(state.storage, env.SNAPSHOTS, roomId);
      const playback = new RoomHistory(state.storage, env.SNAPSHOTS, () => history);
      const typists = ['Ada', 'Grace'].map((name, i) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, room.snapshot(), 'room');
        const sender: Sender = { connId: `c${i}`, name, role: i === 0 ? 'candidate' : 'interviewer', canWrite: true };
        const sent: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'room' && sent.push(u));
        return { doc, sender, sent, cursor: 0 };
      });
      const moments = new Map<number, { files: ReturnType<typeof readFiles>; seq: number }>();
      const wanted = new Set(Array.from({ length: 40 }, () => Math.floor(rand() * UPDATES)));
      for (let i = 0; i < UPDATES; i++) {
        now += EVERY_MS;
        // Fewer updates than an archive needs between two loads (HISTORY_ARCHIVE_ROWS).
        if (i % RELOAD_EVERY === RELOAD_EVERY - 1) {
          room.flush();
          room = load();
        }
        const typist = typists[i % 2] as (typeof typists)[number];
        // Typing as people type: at a cursor, with backspaces, now and then somewhere else.
        const text = fileByPath(typist.doc, 'main.py')?.text as Y.Text;
        if (rand() < 0.01) typist.cursor = Math.floor(rand() * (text.length + 1));
        typist.cursor = Math.min(typist.cursor, text.length);
        if (rand() < 0.15 && typist.cursor > 0) text.delete(--typist.cursor, 1);
        else text.insert(typist.cursor++, 'abcdefghij\n'[i % 11] as string);
        for (const update of typist.sent.splice(0)) {
          for (const effect of room.receive(typist.sender, encodeUpdate(update))) {
            if (effect.kind === 'archive') await history.archive();
            if (effect.kind !== 'send' || !effect.merge || !('update' in effect.merge)) continue;
            for (const other of typists) if (other !== typist) Y.applyUpdate(other.doc, effect.merge.update, 'room');
          }
        }
        if (wanted.has(i)) moments.set(now, { files: room.files(), seq: 1 + i + 1 });
      }
      const applied: number[] = [];
      for (const [at, held] of moments) {
        for (const when of [at, at + EVERY_MS - 1]) {
          const { answer, applied: n } = await playback.filesAt(when);
          expect(answer, `at ${when}`).toEqual({ at: when, seq: held.seq, files: held.files, entry: 'main.py' });
          applied.push(n);
        }
      }
      const count = (sql: string) => state.storage.sql.exec<{ n: number }>(sql).one().n;
      return {
        applied,
        checkpoints: count('SELECT COUNT(*) AS n FROM history_checkpoints'),
        segments: count('SELECT COUNT(*) AS n FROM history_segments'),
        checkpointBytes: count('SELECT COALESCE(SUM(bytes), 0) AS n FROM history_checkpoints'),
        historyBytes: count('SELECT COALESCE(SUM(bytes), 0) AS n FROM history_segments'),
      };
    });
    const bound = HISTORY_CHECKPOINT_UPDATES + 2 * (LOG_COMPACT_ROWS + 1);
    expect(Math.max(...figures.applied)).toBeLessThan(bound);
    expect(figures.checkpoints).toBeGreaterThanOrEqual(
      Math.floor(UPDATES / (HISTORY_CHECKPOINT_UPDATES + LOG_COMPACT_ROWS)),
    );
    // The figures for docs/PERFORMANCE.md (tests never assert on timings).
    const sorted = [...figures.applied].sort((a, b) => a - b);
    console.log(
      `[PLAY8] ${UPDATES} updates: ${figures.segments} segments (${figures.historyBytes} B), ` +
        `${figures.checkpoints} checkpoints (${figures.checkpointBytes} B); updates applied per files?at: ` +
        `p50 ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)} (bound ${bound})`,
    );
  }, 120_000);
});
