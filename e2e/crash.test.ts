/**
 * An edit that another client has seen survives `kill -9` of the server process.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FileView, fileByPath } from '../worker/src/room/doc';
import { whenSynced, yPartyserverClient, yWebsocketClient } from './support/clients';
import { createRoom, roomFiles, startWorker, until, type Worker } from './support/worker';

let worker: Worker;
beforeAll(async () => {
  worker = await startWorker();
});
afterAll(async () => {
  await worker?.dispose();
});

it('[DUR1] an edit seen by another client survives kill -9 of wrangler dev and workerd', async () => {
  const room = await createRoom(worker);
  const writer = yWebsocketClient(worker, room, 'candidate');
  const reader = yPartyserverClient(worker, room, 'interviewer');
  await Promise.all([whenSynced(writer), whenSynced(reader)]);

  (fileByPath(writer.doc, 'main.py') as FileView).text.insert(0, 'def solve():\n    return 42\n');
  await until(() => reader.text().startsWith('def solve()'), 'the reader to see the edit');
  await worker.stop('SIGKILL'); // the whole process group, no chance to flush anything
  writer.destroy();
  reader.destroy();

  await worker.restart();
  const files = await roomFiles(worker, room);
  expect(files['main.py']).toBe('def solve():\n    return 42\nprint("Hello, CodeSync!")\n');

  const late = yWebsocketClient(worker, room, 'observer');
  await whenSynced(late);
  expect(late.text()).toBe(files['main.py']);
  late.destroy();
});
