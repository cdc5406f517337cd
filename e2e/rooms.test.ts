/**
 * Stock Yjs clients against a real `wrangler dev`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type FileView, fileByPath } from '../worker/src/room/doc';
import { type Client, whenSynced, yPartyserverClient, yWebsocketClient } from './support/clients';
import { createRoom, roomFiles, startWorker, until, type Worker } from './support/worker';

let worker: Worker;
beforeAll(async () => {
  worker = await startWorker();
});
afterAll(async () => {
  await worker?.dispose();
});

/** A seeded pseudo-random generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function randomEdits(client: Client, count: number, rand: () => number) {
  const text = (fileByPath(client.doc, 'main.py') as FileView).text;
  for (let i = 0; i < count; i++) {
    if (text.length > 5 && rand() < 0.3) {
      text.delete(Math.floor(rand() * (text.length - 2)), 2);
    } else {
      text.insert(Math.floor(rand() * (text.length + 1)), String.fromCharCode(97 + Math.floor(rand() * 26)));
    }
  }
}

describe('stock clients in one room', () => {
  it('[SYNC1] y-websocket and y-partyserver providers converge after random concurrent edits', async () => {
    const room = await createRoom(worker);
    const a = yWebsocketClient(worker, room, 'candidate');
    const b = yPartyserverClient(worker, room, 'interviewer');
    await Promise.all([whenSynced(a), whenSynced(b)]);
    expect(a.text()).toBe('print("Hello, CodeSync!")\n');
    expect(b.text()).toBe(a.text());

    const seed = Date.now() % 100_000;
    const rand = random(seed);
    for (let round = 0; round < 10; round++) {
      randomEdits(a, 20, rand);
      randomEdits(b, 20, rand);
      await new Promise((r) => setImmediate(r));
    }
    await until(() => a.text() === b.text() && a.text(), `convergence (seed ${seed})`);
    await until(async () => (await roomFiles(worker, room))['main.py'] === a.text(), 'the server to hold the text');
    expect((await roomFiles(worker, room))['main.py']).toBe(b.text());
    a.destroy();
    b.destroy();
  });

  it('[ROLE2] an observer edit is refused: no other client and not the server ever has it', async () => {
    const room = await createRoom(worker);
    const observer = yWebsocketClient(worker, room, 'observer');
    const candidate = yPartyserverClient(worker, room, 'candidate');
    await Promise.all([whenSynced(observer), whenSynced(candidate)]);
    (fileByPath(observer.doc, 'main.py') as FileView).text.insert(0, 'OBSERVER\n');
    // Then a presence change on the same socket: once the candidate has it, the
    // server has handled the edit before it (one socket, in order).
    // (The room relays only name, role, colour and cursor: the marker is a colour.)
    observer.provider.awareness.setLocalStateField('user', { name: 'observer', color: '#010203' });
    await until(
      () => [...candidate.provider.awareness.getStates().values()].some((state) => state.user?.color === '#010203'),
      'the observer marker to reach the candidate',
    );
    expect(candidate.text()).not.toContain('OBSERVER');
    expect((await roomFiles(worker, room))['main.py']).not.toContain('OBSERVER');
    // The stock provider is still connected: no text frame broke it.
    expect(observer.provider.wsconnected).toBe(true);
    observer.destroy();
    candidate.destroy();
  });

  it('[SYNC2] a stock y-websocket client is never sent a text frame, so it keeps working', async () => {
    const room = await createRoom(worker);
    const stock = yWebsocketClient(worker, room, 'candidate');
    const other = yPartyserverClient(worker, room, 'interviewer');
    await Promise.all([whenSynced(stock), whenSynced(other)]);
    const texts: unknown[] = [];
    stock.provider.ws?.addEventListener('message', (event) => {
      if (typeof event.data === 'string') texts.push(event.data);
    });
    other.destroy(); // presence changes would be JSON room messages for an events client
    (fileByPath(stock.doc, 'main.py') as FileView).text.insert(0, 'still here\n');
    await until(async () => (await roomFiles(worker, room))['main.py']?.startsWith('still here'), 'the edit stored');
    expect(texts).toEqual([]);
    expect(stock.provider.wsconnected).toBe(true);
    stock.destroy();
  });

  it('[SYNC10] the room declines per-message compression a client offers (every peer would inflate every keystroke)', async () => {
    const room = await createRoom(worker);
    // ws offers permessage-deflate by default, as browsers do.
    const socket = new WebSocket(`${worker.wsUrl}/api/rooms/${room.roomId}/ws?token=${room.tokens.candidate}`);
    const offered = new Promise<string | undefined>((resolve, reject) => {
      socket.once('upgrade', (response) => resolve(response.headers['sec-websocket-extensions']));
      socket.once('error', reject);
    });
    expect(await offered).toBeUndefined();
    await until(() => socket.readyState === WebSocket.OPEN, 'the socket open');
    expect(socket.extensions).toBe('');
    socket.close();
  });

  it('[SYNC20] a client that closes its socket gets a close frame back, on the room and on the panel: a clean close, not a 1006 after the client gives up', async () => {
    const room = await createRoom(worker);
    const sockets = {
      room: `${worker.wsUrl}/api/rooms/${room.roomId}/ws?token=${room.tokens.candidate}`,
      panel: `${worker.wsUrl}/api/rooms/${room.roomId}/panel?token=${room.tokens.interviewer}`,
    };
    for (const [which, url] of Object.entries(sockets)) {
      for (const [code, reason] of [
        [1000, 'bye'],
        [1001, 'tab closed'],
        [4000, ''],
      ] as const) {
        const socket = new WebSocket(url);
        await new Promise((resolve, reject) => {
          socket.once('message', resolve);
          socket.once('error', reject);
        });
        // Unanswered, ws waits 30 s for the close frame, then reports 1006 (abnormal closure).
        const closed = new Promise<{ code: number; reason: string }>((resolve) =>
          socket.once('close', (closeCode, closeReason) => resolve({ code: closeCode, reason: String(closeReason) })),
        );
        socket.close(code, reason);
        expect(await closed, `the ${which} socket closed with ${code}`).toEqual({ code, reason });
      }
    }
  }, 200_000);

  it('[SYNC11] a burst of keystrokes reaches a stock peer merged into fewer frames than keystrokes, and it converges', async () => {
    const room = await createRoom(worker);
    const typist = yWebsocketClient(worker, room, 'candidate');
    const peer = yWebsocketClient(worker, room, 'interviewer');
    await Promise.all([whenSynced(typist), whenSynced(peer)]);
    let updateFrames = 0;
    peer.provider.ws?.addEventListener('message', (event) => {
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      if (bytes[0] === 0 && bytes[1] === 2) updateFrames += 1; // sync, update
    });
    const text = (fileByPath(typist.doc, 'main.py') as FileView).text;
    const keystrokes = 200;
    for (let i = 0; i < keystrokes; i++) text.insert(0, String.fromCharCode(97 + (i % 26)));
    await until(() => peer.text() === typist.text(), 'the peer has every keystroke');
    expect(updateFrames).toBeGreaterThan(0);
    expect(updateFrames).toBeLessThan(keystrokes);
    typist.destroy();
    peer.destroy();
  });
});
