/**
 * Bounded send queues (SYNC13) with a stock y-websocket client over real TCP through
 * `wrangler dev`: the client stops reading its socket (its TCP stream paused), another
 * writes 4 MB of updates; the room holds the stalled client at its cap instead of
 * queueing them all, and when it reads again it answers the room's probe, gets one diff
 * and equals everyone.
 */
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { MAX_BACKLOG_BYTES } from '../worker/src/limits';
import { fileByPath } from '../worker/src/room/doc';
import { type Client, whenSynced, yWebsocketClient } from './support/clients';
import { createRoom, startWorker, until, type Worker } from './support/worker';

let worker: Worker;

beforeAll(async () => {
  worker = await startWorker();
}, 120_000);
afterAll(async () => {
  await worker?.dispose();
}, 60_000);

const CHUNK = 'y'.repeat(100 * 1024);
const ROUNDS = 40;

/** Counts the binary bytes a client's socket delivers. */
function countBytes(client: Client): () => number {
  let bytes = 0;
  const ws = client.provider.ws as unknown as WebSocket;
  ws.on('message', (data: Buffer) => {
    bytes += data.byteLength;
  });
  return () => bytes;
}

describe('bounded send queues over TCP (SYNC13)', () => {
  it('[SYNC13] a stock client that stops reading is held at the cap, then converges with one diff when it reads again', async () => {
    const room = await createRoom(worker);
    const writer = yWebsocketClient(worker, room, 'candidate');
    const slow = yWebsocketClient(worker, room, 'observer');
    const watcher = yWebsocketClient(worker, room, 'interviewer');
    await Promise.all([writer, slow, watcher].map(whenSynced));
    const received = countBytes(slow);
    const tcp = (slow.provider.ws as unknown as { _socket: Socket })._socket;
    tcp.pause();

    const text = (doc: Y.Doc) => fileByPath(doc, 'main.py')?.text as Y.Text;
    for (let round = 0; round < ROUNDS; round++) {
      text(writer.doc).insert(0, CHUNK);
      text(writer.doc).delete(0, CHUNK.length);
      text(writer.doc).insert(0, `${round} `);
      await until(() => watcher.text() === writer.text(), `the watcher to have round ${round}`);
    }
    tcp.resume();
    await until(() => slow.text() === writer.text(), 'the stalled client to catch up', 30_000);
    expect(Y.encodeStateVector(slow.doc)).toEqual(Y.encodeStateVector(watcher.doc));
    // Without the cap it would have read every update: over 4 MB.
    expect(received()).toBeLessThan(MAX_BACKLOG_BYTES + 4 * CHUNK.length);

    text(writer.doc).insert(0, 'after ');
    await until(() => slow.text().startsWith('after '), 'the next edit to reach it live');
    for (const client of [writer, slow, watcher]) client.destroy();
  });
});
