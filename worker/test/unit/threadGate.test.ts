/**
 * The schema gate's rules for comment threads (room/docGateThreads.ts): every operation of
 * the thread module passes; malformed, forged and oversized threads are refused.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_REPLIES_PER_THREAD, MAX_THREADS_PER_ROOM } from '../../src/limits';
import { ThreadGate } from '../../src/room/docGateThreads';
import { replyTo, setResolved, threadsOf } from '../../src/room/threads';
import { asCandidate, candidate, changeFrom, problemOf, repliesOf, room, threadOnReturn } from './threadFixture';

describe('the gate on threads', () => {
  it('[CMT6] passes every thread operation of the module, from a candidate and from the interviewer', () => {
    const server = room();
    let id = '';
    const create = changeFrom(server, (d) => {
      id = threadOnReturn(d);
    });
    expect(problemOf(server, create)).toBe('ok');
    Y.applyUpdate(server, create);
    const interviewer = { name: 'Ivy', role: 'interviewer' as const };
    const reply = changeFrom(server, (d) => replyTo(d, id, { text: 'Fine by me', author: 'Ivy', role: 'interviewer' }));
    expect(problemOf(server, reply, interviewer)).toBe('ok');
    Y.applyUpdate(server, reply);
    for (const resolved of [true, false, true]) {
      const update = changeFrom(server, (d) => setResolved(d, id, resolved));
      expect(problemOf(server, update)).toBe('ok');
      Y.applyUpdate(server, update);
    }
    const whole = changeFrom(server, (d) => threadsOf(d).delete(id));
    expect(problemOf(server, whole)).toBe('ok');
  });

  it('[CMT7] refuses malformed threads, changes to what a thread was opened with, and comments in another name or role', () => {
    const server = room();
    let id = '';
    const create = changeFrom(server, (d) => {
      id = threadOnReturn(d);
    });
    // Written in the interviewer's name by the candidate's connection.
    expect(problemOf(server, create, { name: 'Ivy', role: 'interviewer' })).toBe(
      'a comment is written in your own name',
    );
    expect(problemOf(server, create, { name: 'Cara', role: 'interviewer' })).toBe(
      'a comment carries your own role (interviewer)',
    );
    Y.applyUpdate(server, create);
    const cases: [string, (d: Y.Doc) => void][] = [
      ['a thread id must be 12 letters, digits, "-" or "_"', (d) => threadsOf(d).set('x', new Y.Map())],
      ['a thread must be a map', (d) => (threadsOf(d) as Y.Map<unknown>).set('abcdefghijkl', 'hello')],
      [
        'a new thread needs its file, start, end, author, role, at, resolved, replies',
        (d) => threadsOf(d).set('abcdefghijkl', new Y.Map()),
      ],
      ["a thread's author never changes once written", (d) => threadsOf(d).get(id)?.set('author', 'Cara')],
      ["a thread's start never changes once written", (d) => threadsOf(d).get(id)?.set('start', 'AAAA')],
      [
        "a reply's text must not be empty",
        (d) => repliesOf(d, id).push([{ id: 'abcdefghijkl', author: 'Cara', role: 'candidate', at: 1, text: ' ' }]),
      ],
      [
        'a comment is written in your own name',
        (d) => replyTo(d, id, { text: 'as Ivy', author: 'Ivy', role: 'candidate' }),
      ],
      ['threads.colour is not part of a thread', (d) => threadsOf(d).get(id)?.set('colour', 'red')],
      ["it deletes a thread's resolved and sets none", (d) => threadsOf(d).get(id)?.delete('resolved')],
      ["a thread's replies are plain values", (d) => repliesOf(d, id).push([new Y.Map()])],
    ];
    for (const [problem, change] of cases) {
      const update = changeFrom(server, change);
      expect(problemOf(server, update), problem).toBe(problem);
    }
    const notBoolean = changeFrom(server, (d) => threadsOf(d).get(id)?.set('resolved', 'yes'));
    expect(problemOf(server, notBoolean)).toMatch(/^a thread's resolved /);
    const extra = changeFrom(server, (d) =>
      repliesOf(d, id).push([{ id: 'abcdefghijkl', author: 'Cara', role: 'candidate', at: 1, text: 'hi', extra: 1 }]),
    );
    expect(problemOf(server, extra)).toMatch(/^a reply's /);
    const longAnchor = changeFrom(server, (d) => {
      const map = new Y.Map<unknown>();
      threadsOf(d).set('abcdefghijkm', map);
      map.set('start', 'A'.repeat(200));
    });
    expect(problemOf(server, longAnchor)).toMatch(/^a thread's start must be at most/);
  });

  it("[CMT13] refuses a deleted placeholder written over another's thread with the delete left out", () => {
    // A hand-made update: a placeholder under the thread's id (Yjs makes it the key's value,
    // so the thread is gone) without the delete set that would name the thread.
    const server = room();
    let id = '';
    const interviewer = { name: 'Ivy', role: 'interviewer' as const };
    Y.applyUpdate(
      server,
      changeFrom(server, (d) => (id = threadOnReturn(d, interviewer))),
    );
    const over = withoutDeleteSet(
      changeFrom(server, (d) => {
        d.transact(() => threadsOf(d).set(id, new Y.Map()));
        threadsOf(d).delete(id);
      }),
    );
    expect(problemOf(server, over, candidate)).toMatch(/thread/);
    // The interviewer may still remove it that way.
    expect(problemOf(server, over, interviewer)).toBe('ok');
  });

  it("[CMT13] refuses a delete of another's comment or thread; its author and the interviewer still delete", () => {
    const interviewer = { name: 'Ivy', role: 'interviewer' as const };
    const other = { name: 'Ivy', role: 'candidate' as const }; // the starter's name, another role: not the starter
    const server = room();
    let id = '';
    Y.applyUpdate(
      server,
      changeFrom(server, (d) => (id = threadOnReturn(d, interviewer))),
    );
    Y.applyUpdate(
      server,
      changeFrom(server, (d) => replyTo(d, id, { text: 'Mine', ...asCandidate })),
    );
    // [interviewer's opening comment, the candidate's reply]
    const deleteAt = (index: number) => changeFrom(server, (d) => repliesOf(d, id).delete(index, 1));
    const comment = 'a comment is deleted only by its author or the interviewer';
    expect(problemOf(server, deleteAt(0), candidate)).toBe(comment);
    expect(problemOf(server, deleteAt(1), { name: 'Bo', role: 'candidate' })).toBe(comment);
    expect(problemOf(server, deleteAt(1), { name: 'Cara', role: 'observer' })).toBe(comment);
    // The reviewer's attack: delete the interviewer's comment and put one's own first.
    const rewrite = changeFrom(server, (d) => {
      repliesOf(d, id).delete(0, 1);
      repliesOf(d, id).insert(0, [{ id: 'BBBBBBBBBBBB', ...asCandidate, at: 1, text: 'ok' }]);
    });
    expect(problemOf(server, rewrite, candidate)).toBe(comment);
    expect(problemOf(server, deleteAt(1), candidate)).toBe('ok');
    expect(problemOf(server, deleteAt(0), interviewer)).toBe('ok');
    expect(problemOf(server, deleteAt(1), interviewer)).toBe('ok');
    // Two comments in one item (one push): deleting the one that is the candidate's own only.
    const pair = changeFrom(server, (d) =>
      repliesOf(d, id).push([
        { id: 'CCCCCCCCCCCC', ...asCandidate, at: 2, text: 'one' },
        { id: 'DDDDDDDDDDDD', ...asCandidate, at: 3, text: 'two' },
      ]),
    );
    Y.applyUpdate(server, pair);
    expect(problemOf(server, deleteAt(3), candidate)).toBe('ok');
    expect(
      problemOf(
        server,
        changeFrom(server, (d) => repliesOf(d, id).delete(1, 3)),
        candidate,
      ),
    ).toBe('ok');
    expect(
      problemOf(
        server,
        changeFrom(server, (d) => repliesOf(d, id).delete(0, 4)),
        candidate,
      ),
    ).toBe(comment);

    // Whole threads: the starter's, or the interviewer's to delete; nobody else's.
    const thread = 'a thread is deleted only by whoever started it or the interviewer';
    const whole = changeFrom(server, (d) => threadsOf(d).delete(id));
    expect(problemOf(server, whole, candidate)).toBe(thread);
    expect(problemOf(server, whole, other)).toBe(thread);
    expect(problemOf(server, whole, interviewer)).toBe('ok');
    let mine = '';
    Y.applyUpdate(
      server,
      changeFrom(server, (d) => (mine = threadOnReturn(d))),
    );
    Y.applyUpdate(
      server,
      changeFrom(server, (d) => replyTo(d, mine, { text: 'Interviewer here', author: 'Ivy', role: 'interviewer' })),
    );
    // Its starter deletes it, the interviewer's reply in it with it.
    expect(
      problemOf(
        server,
        changeFrom(server, (d) => threadsOf(d).delete(mine)),
        candidate,
      ),
    ).toBe('ok');
    expect(
      problemOf(
        server,
        changeFrom(server, (d) => threadsOf(d).delete(mine)),
        interviewer,
      ),
    ).toBe('ok');
    expect(
      problemOf(
        server,
        changeFrom(server, (d) => threadsOf(d).delete(mine)),
        { name: 'Bo', role: 'candidate' },
      ),
    ).toBe(thread);
    // Writing a new thread over the id of another's deletes it too.
    const over = changeFrom(server, (d) => {
      const map = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(threadsOf(d).get(id)?.toJSON() ?? {})) {
        if (key !== 'replies') map.set(key, key === 'author' ? 'Cara' : key === 'role' ? 'candidate' : value);
      }
      map.set('replies', new Y.Array());
      threadsOf(d).set(id, map);
    });
    expect(problemOf(server, over, candidate)).toBe(thread);
    // The same judgement for any value written under its id (a deleted placeholder too).
    expect(new ThreadGate(server, candidate).writesOver(id)).toBe(thread);
    expect(new ThreadGate(server, interviewer).writesOver(id)).toBeNull();
    expect(new ThreadGate(server, candidate).writesOver('nosuchthread')).toBeNull();
    // Resolving and reopening another's thread stays anyone's (CMT1), and so does replying.
    for (const resolved of [true, false]) {
      const update = changeFrom(server, (d) => setResolved(d, id, resolved));
      expect(problemOf(server, update, candidate)).toBe('ok');
      Y.applyUpdate(server, update);
    }
    expect(
      problemOf(
        server,
        changeFrom(server, (d) => replyTo(d, id, { text: 'Sure', ...asCandidate })),
        candidate,
      ),
    ).toBe('ok');
  });

  it("[CMT8] refuses a thread or reply past the room's limits", () => {
    const server = room();
    let id = '';
    Y.applyUpdate(
      server,
      changeFrom(server, (d) => (id = threadOnReturn(d))),
    );
    const filled = changeFrom(server, (d) => {
      const replies = threadsOf(d).get(id)?.get('replies') as Y.Array<unknown>;
      const many = Array.from({ length: MAX_REPLIES_PER_THREAD }, (_, i) => ({
        id: `r${String(i).padStart(11, '0')}`,
        author: 'Cara',
        role: 'candidate',
        at: 1,
        text: 'again',
      }));
      replies.push(many);
    });
    expect(problemOf(server, filled)).toBe(`a thread keeps at most ${MAX_REPLIES_PER_THREAD} comments`);
    // The module stops at the limit: a hostile client writes the one past it by hand.
    const flood = changeFrom(server, (d) => {
      for (let i = threadsOf(d).size; i < MAX_THREADS_PER_ROOM; i++) threadOnReturn(d);
      const map = new Y.Map<unknown>();
      const copy = threadsOf(d).get(id)?.toJSON() ?? {};
      for (const [key, value] of Object.entries(copy)) if (key !== 'replies') map.set(key, value);
      map.set('replies', new Y.Array());
      threadsOf(d).set('zzzzzzzzzzzz', map);
    });
    expect(problemOf(server, flood)).toBe(`a room keeps at most ${MAX_THREADS_PER_ROOM} threads`);
  });
});

/** The update with an empty delete set in place of its own (Yjs writes the delete set last). */
function withoutDeleteSet(update: Uint8Array): Uint8Array {
  const { ds } = Y.decodeUpdate(update) as unknown as {
    ds: { clients: Map<number, { clock: number; len: number }[]> };
  };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ds.clients.size);
  for (const [client, ranges] of ds.clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.len);
    }
  }
  const tail = encoding.toUint8Array(encoder).byteLength;
  const out = new Uint8Array(update.byteLength - tail + 1);
  out.set(update.subarray(0, update.byteLength - tail));
  out[out.length - 1] = 0; // no client deletes anything
  return out;
}
