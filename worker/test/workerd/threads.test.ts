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
    await refusedEach(room, attempts);
    const files = await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.interviewer });
    expect(files.status).toBe(200);
    const late = await Peer.connect(room.roomId, room.tokens.observer);
    expect(threadsOf(late.doc).size).toBe(0);
    expect(threadsOf(watcher.doc).size).toBe(0);
    watcher.close();
    late.close();
  });

  it("[CMT13] the candidate's delete of the interviewer's comment or thread is refused and changes nothing; its own goes", async () => {
    const room = await createRoom();
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer, { name: 'Ivy' });
    const id = openThread(interviewer, 'Ivy', 'interviewer', 'Why print here? Please explain.');
    const writer = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    await until(() => listThreads(writer.doc).length === 1, 'the thread');
    replyTo(writer.doc, id, { text: 'To see it', author: 'Cara', role: 'candidate' });
    await until(() => listThreads(interviewer.doc)[0]?.replies.length === 2, 'the reply');
    writer.close();
    const replies = (p: Peer) => threadsOf(p.doc).get(id)?.get('replies') as Y.Array<unknown>;
    const attempts: [string, (p: Peer) => void][] = [
      [
        'a comment is deleted only by its author or the interviewer',
        (p) =>
          p.doc.transact(() => {
            replies(p).delete(0, 1);
            replies(p).insert(0, [{ id: 'BBBBBBBBBBBB', author: 'Cara', role: 'candidate', at: 1, text: 'ok' }]);
          }),
      ],
      ['a thread is deleted only by whoever started it or the interviewer', (p) => threadsOf(p.doc).delete(id)],
    ];
    await refusedEach(room, attempts);
    // Nothing of it reached the room: a fresh reader and the interviewer see both comments.
    const late = await Peer.connect(room.roomId, room.tokens.observer);
    for (const doc of [late.doc, interviewer.doc]) {
      expect(listThreads(doc)[0]?.replies.map((r) => r.text)).toEqual(['Why print here? Please explain.', 'To see it']);
    }
    // The candidate's own reply is the candidate's to delete; the interviewer deletes the thread.
    const fresh = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    replies(fresh).delete(1, 1);
    await until(() => listThreads(interviewer.doc)[0]?.replies.length === 1, 'the own delete');
    threadsOf(interviewer.doc).delete(id);
    await until(() => threadsOf(fresh.doc).size === 0 && threadsOf(late.doc).size === 0, 'the thread deleted');
    expect([...fresh.errors(), ...interviewer.errors()]).toEqual([]);
    for (const p of [interviewer, late, fresh]) p.close();
  });
});

/** Each attempt, made by a fresh candidate socket, is refused (bad_document) in words naming its problem. */
async function refusedEach(
  room: { roomId: string; tokens: { candidate: string } },
  attempts: [string, (p: Peer) => void][],
): Promise<void> {
  for (const [problem, attempt] of attempts) {
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate, { name: 'Cara' });
    attempt(candidate);
    await until(() => candidate.errors().includes('bad_document'), `the refusal: ${problem}`);
    const refusal = candidate.messages.find((m) => m.type === 'error');
    expect(refusal && 'message' in refusal ? refusal.message : '').toContain(problem);
    candidate.close();
  }
}
