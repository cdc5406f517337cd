/**
 * Bounded send queues (backlog.ts, SYNC13), over real sockets into the real Durable
 * Object: a peer that stops reading is held once it is MAX_BACKLOG_BYTES behind, instead
 * of being sent every update, and when it reads again it catches up with one diff.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_BACKLOG_BYTES } from '../../src/limits';
import { createRoom, Peer, until } from './support';

const CHUNK = 'x'.repeat(100 * 1024);
const ROUNDS = 40; // 4 MB written in all, twice the cap

/** Writes 4 MB through the room until the paused peer has been held (the watcher has every round). */
async function floodPast(writer: Peer, watcher: Peer): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    writer.edit('main.py', 0, CHUNK);
    writer.remove('main.py', 0, CHUNK.length);
    writer.edit('main.py', 0, `${round} `);
    await until(() => watcher.text() === writer.text(), `the watcher to have round ${round}`);
  }
}

/**
 * Lets the room's object be evicted with its sockets open (hibernation) and waits until it
 * was: workerd frees an object after ~10 s with nothing to do. The presence sweep's alarm
 * (due when a socket could first fall silent) could wake it first, so it is removed.
 * Looking (a new instance answers) is itself activity, so it looks only every 11 s.
 */
async function hibernate(roomId: string): Promise<void> {
  const stub = env.ROOM.get(env.ROOM.idFromName(roomId));
  const before = await runInDurableObject(stub, async (instance, state) => {
    await state.storage.deleteAlarm();
    return instance;
  });
  await until(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      return (await runInDurableObject(stub, (instance) => instance)) !== before;
    },
    'the room to hibernate',
    45_000,
  );
}

describe('bounded send queues', () => {
  it('[SYNC13] a peer that stops reading is held at the cap, then catches up with one diff and is live again', async () => {
    const room = await createRoom();
    const writer = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'writer' });
    const slow = await Peer.connect(room.roomId, room.tokens.observer, { name: 'slow' });
    const watcher = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'watcher' });
    slow.pause();
    const before = slow.receivedBytes;
    // Write and delete 100 KB at a time: 4 MB of updates through a small document.
    for (let round = 0; round < ROUNDS; round++) {
      writer.edit('main.py', 0, CHUNK);
      writer.remove('main.py', 0, CHUNK.length);
      writer.edit('main.py', 0, `${round} `);
      await until(() => watcher.text() === writer.text(), `the watcher to have round ${round}`);
    }
    // The room has sent the watcher everything; the stalled peer got at most the cap and a frame.
    const sentWhileStalled = slow.receivedBytes - before;
    expect(sentWhileStalled).toBeLessThan(MAX_BACKLOG_BYTES + 2 * CHUNK.length);
    expect(sentWhileStalled).toBeGreaterThan(MAX_BACKLOG_BYTES / 2); // it was sent to until held

    await slow.resume();
    await until(() => slow.text() === writer.text(), 'the stalled peer to catch up');
    expect(Y.encodeStateVector(slow.doc)).toEqual(Y.encodeStateVector(watcher.doc));
    // Live again: the next edit reaches it as it does everyone.
    writer.edit('main.py', 0, 'after ');
    await until(() => slow.text().startsWith('after '), 'the next edit to reach it');
    for (const peer of [writer, slow, watcher]) peer.close();
  });

  it('[SYNC14] a socket held when the room hibernates is released with one diff when the woken room hears its answer', async () => {
    const room = await createRoom();
    const writer = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'writer' });
    const slow = await Peer.connect(room.roomId, room.tokens.observer, { name: 'slow' });
    const watcher = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'watcher' });
    slow.pause();
    const before = slow.receivedBytes;
    await floodPast(writer, watcher);
    expect(slow.receivedBytes - before).toBeLessThan(MAX_BACKLOG_BYTES + 2 * CHUNK.length); // held

    await hibernate(room.roomId);
    expect(slow.closed).toBeNull();
    await slow.resume();
    await until(() => slow.text() === writer.text(), 'the held peer to catch up from the woken room');
    expect(Y.encodeStateVector(slow.doc)).toEqual(Y.encodeStateVector(watcher.doc));
    writer.edit('main.py', 0, 'after ');
    await until(() => slow.text().startsWith('after '), 'the next edit to reach it');
    for (const peer of [writer, slow, watcher]) peer.close();
  }, 90_000);
});
