/**
 * [LIM17] Every byte a room accepts stays as history: a role's edits have a byte budget
 * and the room a cap on its history. Found by a review: one candidate link pasted and
 * deleted 250 KB 200 times in 15 s, and the room kept 51 MB of history for a 26-byte file.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EDIT_BYTES_BURST, EDIT_BYTES_PER_SECOND, ROOM_HISTORY_MAX_BYTES } from '../../src/limits';
import { fileByPath } from '../../src/room/doc';
import { encodeUpdate } from '../../src/room/protocol';
import { type Effect, Room, type Sender } from '../../src/room/room';
import { bringBack } from '../../src/terminal/bringBack';
import { ListLog } from './listLog';

const candidate = { connId: 'c1', name: 'Cam', role: 'candidate' as const, canWrite: true };
const secondTab = { ...candidate, connId: 'c2' };
const interviewer = { connId: 'i1', name: 'Ivy', role: 'interviewer' as const, canWrite: true };
const PASTE = 'x'.repeat(250 * 1024);

function setUp() {
  let now = 1_000_000;
  const log = new ListLog();
  const room = new Room(log, () => now);
  room.seed('python');
  /** What `who` sends after changing main.py in a copy synced with the room. */
  const edit = (who: Sender, change: (text: Y.Text) => void): Effect[] => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(client);
    const text = fileByPath(client, 'main.py')?.text;
    if (!text) throw new Error('main.py missing');
    change(text);
    return room.receive(who, encodeUpdate(Y.encodeStateAsUpdate(client, before)));
  };
  return { log, room, edit, advance: (ms: number) => (now += ms), clock: () => now };
}

const refusals = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'refused' ? [e.refusal.code] : []));

describe('[LIM17] edit budget and history cap', () => {
  it('a role that pastes and deletes 250 KB again and again is refused past its burst, nothing of it applied', () => {
    const { log, room, edit } = setUp();
    const accepted: number[] = [];
    let firstRefusal: Effect[] = [];
    for (let i = 0; i < 200 && firstRefusal.length === 0; i++) {
      const pasted = edit(candidate, (t) => t.insert(0, PASTE));
      if (refusals(pasted).length > 0) firstRefusal = pasted;
      else {
        accepted.push(i);
        edit(candidate, (t) => t.delete(0, PASTE.length));
      }
    }
    // The burst takes EDIT_BYTES_BURST of pastes, not two hundred (the review's 51 MB in 15 s).
    expect(accepted.length).toBeGreaterThanOrEqual(Math.floor(EDIT_BYTES_BURST / (260 * 1024)));
    expect(accepted.length).toBeLessThan(Math.ceil(EDIT_BYTES_BURST / (250 * 1024)) + 1);
    expect(refusals(firstRefusal)).toEqual(['edits_too_fast']);
    const refused = firstRefusal.find((e) => e.kind === 'refused');
    expect(refused?.kind === 'refused' && refused.refusal.message).toMatch(/Wait \d+ s/);
    // Nothing of the refused paste is in the room, nor in its history.
    expect(fileByPath(room.doc, 'main.py')?.text.toString()).not.toContain('x');
    expect(log.history).toBeLessThanOrEqual(EDIT_BYTES_BURST + 64 * 1024);
    // A second tab of the same role adds nothing to the budget; another role has its own.
    expect(refusals(edit(secondTab, (t) => t.insert(0, PASTE)))).toEqual(['edits_too_fast']);
    expect(refusals(edit(interviewer, (t) => t.insert(0, 'ok')))).toEqual([]);
  });

  it('the budget refills: typing carries on, and a paste goes in again after the wait it names', () => {
    const { room, edit, advance } = setUp();
    for (let i = 0; i < 200; i++) {
      if (refusals(edit(candidate, (t) => t.insert(0, PASTE))).length > 0) break;
      edit(candidate, (t) => t.delete(0, PASTE.length));
    }
    expect(refusals(edit(candidate, (t) => t.insert(0, PASTE)))).toEqual(['edits_too_fast']);
    advance(Math.ceil((300 * 1024) / EDIT_BYTES_PER_SECOND) * 1000);
    expect(refusals(edit(candidate, (t) => t.insert(0, PASTE)))).toEqual([]);
    expect(fileByPath(room.doc, 'main.py')?.text.toString()).toContain(PASTE);
  });

  it('a room let go and made again (its last socket closed) does not give a role its budget back', () => {
    const { log, room, edit, clock } = setUp();
    for (let i = 0; i < 200; i++) {
      if (refusals(edit(candidate, (t) => t.insert(0, PASTE))).length > 0) break;
      edit(candidate, (t) => t.delete(0, PASTE.length));
    }
    room.flush();
    const again = new Room(log, clock);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(again.doc));
    const before = Y.encodeStateVector(client);
    fileByPath(client, 'main.py')?.text.insert(0, PASTE);
    const effects = again.receive(candidate, encodeUpdate(Y.encodeStateAsUpdate(client, before)));
    expect(refusals(effects)).toEqual(['edits_too_fast']);
  });

  it("a file brought back from the terminal counts against the asker's budget and the history cap", () => {
    const { log, room, edit } = setUp();
    for (let i = 0; i < 200; i++) {
      if (refusals(edit(candidate, (t) => t.insert(0, PASTE))).length > 0) break;
      edit(candidate, (t) => t.delete(0, PASTE.length));
    }
    const refused = bringBack(room, 'big.txt', PASTE, 'candidate');
    expect(refused).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/big\.txt was not brought back.*Wait \d+ s/),
    });
    expect(fileByPath(room.doc, 'big.txt')).toBeNull();
    // The interviewer's budget is their own; at the room's cap nobody brings anything back.
    expect(bringBack(room, 'small.txt', 'ok\n', 'interviewer')).toMatchObject({ ok: true });
    log.history = ROOM_HISTORY_MAX_BYTES;
    expect(bringBack(room, 'more.txt', 'no\n', 'interviewer')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/more history|as much as a room may/),
    });
  });

  it('a room whose history reached its cap takes no more edits and says so; reading still works', () => {
    const { log, room, edit } = setUp();
    log.history = ROOM_HISTORY_MAX_BYTES - 10;
    const before = fileByPath(room.doc, 'main.py')?.text.toString();
    const effects = edit(interviewer, (t) => t.insert(0, 'print("more")\n'));
    expect(refusals(effects)).toEqual(['history_full']);
    const refused = effects.find((e) => e.kind === 'refused');
    expect(refused?.kind === 'refused' && refused.refusal.message).toMatch(/forked/);
    expect(fileByPath(room.doc, 'main.py')?.text.toString()).toBe(before);
    expect(room.files().map((f) => f.path)).toEqual(['main.py']);
  });
});
