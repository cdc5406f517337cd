/**
 * Playback's API on a real `wrangler dev`, fed by stock Yjs clients: the manifest, its
 * binary pages and `files?at=` give back what the clients held, and a candidate's
 * token is refused on all three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePage } from '../worker/src/playback/page';
import { Replay } from '../worker/src/playback/replay';
import { filesAtResponse, playbackManifest } from '../worker/src/playback/schema';
import { fileByPath } from '../worker/src/room/doc';
import { whenSynced, yPartyserverClient, yWebsocketClient } from './support/clients';
import { createRoom, roomFiles, startWorker, until, type Worker } from './support/worker';

let worker: Worker;
beforeAll(async () => {
  worker = await startWorker();
});
afterAll(async () => {
  await worker?.dispose();
});

const get = (path: string, token: string) =>
  fetch(`${worker.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('playback over a real server', () => {
  it('[PLAY1][PLAY3] two stock clients type; the pages replay to their text, files?at= agrees, a candidate gets 403', async () => {
    const room = await createRoom(worker);
    const ada = yWebsocketClient(worker, room, 'candidate');
    const grace = yPartyserverClient(worker, room, 'interviewer');
    await Promise.all([whenSynced(ada), whenSynced(grace)]);
    for (let i = 0; i < 60; i++) {
      fileByPath(ada.doc, 'main.py')?.text.insert(0, 'a');
      const text = fileByPath(grace.doc, 'main.py')?.text;
      text?.insert(text.length, 'g');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => ada.text() === grace.text() && ada.text().length >= 120 && ada.text(), 'the clients to converge');
    await until(async () => (await roomFiles(worker, room))['main.py'] === ada.text(), 'the server to hold it');

    const res = await get(`/api/rooms/${room.roomId}/history`, room.tokens.observer);
    expect(res.status).toBe(200);
    const manifest = playbackManifest.parse(await res.json());
    // Both clients connected at once: either may have joined first.
    expect(manifest.people).toHaveLength(2);
    expect(manifest.people).toEqual(
      expect.arrayContaining([
        { name: 'candidate', role: 'candidate' },
        { name: 'interviewer', role: 'interviewer' },
      ]),
    );
    const replay = new Replay();
    for (const { from, to } of manifest.pages) {
      const page = await get(`/api/rooms/${room.roomId}/history/updates?from=${from}&to=${to}`, room.tokens.observer);
      expect(page.headers.get('content-type')).toBe('application/octet-stream');
      replay.append(decodePage(new Uint8Array(await page.arrayBuffer())).updates);
    }
    expect(replay.length).toBe(manifest.updates.count);
    replay.seek(replay.length);
    expect(replay.files().find((f) => f.path === 'main.py')?.content).toBe(ada.text());

    const at = manifest.updates.lastAt ?? 0;
    const files = filesAtResponse.parse(
      await (await get(`/api/rooms/${room.roomId}/files?at=${at}`, room.tokens.interviewer)).json(),
    );
    expect(files.files.find((f) => f.path === 'main.py')?.content).toBe(ada.text());

    for (const path of ['/history', '/history/updates?from=1&to=5', `/files?at=${at}`]) {
      expect((await get(`/api/rooms/${room.roomId}${path}`, room.tokens.candidate)).status, path).toBe(403);
    }
    ada.destroy();
    grace.destroy();
  });
});
