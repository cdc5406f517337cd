/**
 * Comment threads through the real room (RoomDO in workerd): who may write them, what
 * the gate refuses, and that a thread reaches everyone live.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fileByPath } from '../../src/room/doc';
import { createThread, listThreads, replyTo, setResolved, threadsOf } from '../../src/room/threads';
import { api, createRoom, Peer, until } from './support';

const CODE = 'print("Hello, CodeSync!")\n';

function openThread(peer: Peer, author: string, role: 'interviewer' | 'candidate' | 'observer', text: string) {
  const file = fileByPath(peer.doc, 'main.py');
  if (!file) throw new Error('no main.py');
  const made = createThread(peer.doc, { file: file.id, from: 0, to: 5, text, author, role });
  if (!made.ok) throw new Error(made.problem);
  return made.id;
}

describe('comment threads in the room', () => {
  it("[CMT1] a candidate's thread reaches everyone live; the interviewer replies and resolves, the candidate reopens", async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Ivy' });
    const observer = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Olu' });
    expect(candidate.text()).toBe(CODE);
    const id = openThread(candidate, 'Cara', 'candidate', 'Is print enough here?');
    await until(
      () => listThreads(interviewer.doc).length === 1 && listThreads(observer.doc).length === 1,
      'the thread',
    );
    expect(listThreads(observer.doc)[0]).toMatchObject({ id, author: 'Cara', role: 'candidate', resolved: false });
    replyTo(interviewer.doc, id, { text: 'Yes, stdout is what is judged.', author: 'Ivy', role: 'interviewer' });
    setResolved(interviewer.doc, id, true);
    await until(() => listThreads(candidate.doc)[0]?.resolved === true, 'the resolve');
    expect(listThreads(candidate.doc)[0]?.replies.map((r) => r.author)).toEqual(['Cara', 'Ivy']);
    setResolved(candidate.doc, id, false);
    await until(() => listThreads(observer.doc)[0]?.resolved === false, 'the reopen');
    expect([...candidate.errors(), ...interviewer.errors()]).toEqual([]);
    for (const p of [candidate, interviewer, observer]) p.close();
  });

  it("[CMT1] an observer's thread is refused read_only and reaches no one", async () => {
    const room = await createRoom();
    const observer = await Peer.connect(room.roomId, room.tokens.observer, { name: 'Olu' });
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    openThread(observer, 'Olu', 'observer', 'Observers only watch');
    await until(() => observer.errors().includes('read_only'), 'the refusal');
    // A fresh reader gets the room as stored: no thread.
    const late = await Peer.connect(room.roomId, room.tokens.interviewer);
    expect(threadsOf(late.doc).size).toBe(0);
    expect(threadsOf(candidate.doc).size).toBe(0);
    for (const p of [observer, candidate, late]) p.close();
  });

  it('[CMT7] a thread in another name or role, or a malformed one, is refused bad_document with the reason and reaches no one', async () => {
    const room = await createRoom();
    const watcher = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Ivy' });
    const attempts: [string, (peer: Peer) => void][] = [
      ['a comment is written in your own name', (p) => openThread(p, 'Ivy', 'candidate', 'Signed as Ivy')],
      [
        'a comment carries your own role (candidate)',
        (p) => openThread(p, 'Cara', 'interviewer', 'As the interviewer'),
      ],
      ['a new thread needs its', (p) => threadsOf(p.doc).set('abcdefghijkl', new Y.Map())],
      [
        "a thread's start must be base64",
        (p) =>
          p.doc.transact(() => {
            const map = new Y.Map<unknown>();
            threadsOf(p.doc).set('abcdefghijkl', map);
            map.set('start', 'not an anchor!');
          }),
      ],
    ];
    for (const [problem, attempt] of attempts) {
      const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
      attempt(candidate);
      await until(() => candidate.errors().includes('bad_document'), `the refusal: ${problem}`);
      const refusal = candidate.messages.find((m) => m.type === 'error');
      expect(refusal && 'message' in refusal ? refusal.message : '').toContain(problem);
      candidate.close();
    }
    const files = await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.interviewer });
    expect(files.status).toBe(200);
    const late = await Peer.connect(room.roomId, room.tokens.observer);
    expect(threadsOf(late.doc).size).toBe(0);
    expect(threadsOf(watcher.doc).size).toBe(0);
    watcher.close();
    late.close();
  });
});
