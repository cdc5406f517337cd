/**
 * The panel doc's gate and limits, attacked through a real panel socket: what a stock
 * Yjs client can put in an update that the panel must not take.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MAX_CRITERIA,
  MAX_NOTES_CHARS,
  MAX_PANEL_FRAME_BYTES,
  MAX_SUMMARY_CHARS,
  MESSAGE_BURST,
} from '../../../src/limits';
import { addCriterion, readScorecard, removeCriterion, renameCriterion } from '../../../src/panel/panelDoc';
import { api, type CreatedRoom, createRoom, until } from '../support';
import { PanelPeer } from './panelPeer';

async function record(room: CreatedRoom) {
  const res = await api(`/api/rooms/${room.roomId}/panel`, { token: room.tokens.interviewer });
  return (await res.json()) as { notes: string; scorecard: ReturnType<typeof readScorecard> };
}

/** `attack` writes into the attacker's doc; the panel must refuse it and the watcher never see it. */
async function refused(attack: (doc: Y.Doc) => void, role: 'interviewer' | 'observer' = 'interviewer') {
  const room = await createRoom();
  const attacker = await PanelPeer.connect(room.roomId, room.tokens[role]);
  const watcher = await PanelPeer.connect(room.roomId, room.tokens.observer, 'watcher');
  const before = await record(room);
  attack(attacker.doc);
  await until(
    () => attacker.errors()[0],
    () => `the refusal: ${JSON.stringify([attacker.closed, attacker.heard.slice(-2)])}`,
  );
  // A later, valid edit arrives at the watcher: anything sent before it would have too.
  const probe = await PanelPeer.connect(room.roomId, room.tokens.interviewer, 'probe');
  probe.doc.getText('notes').insert(0, 'probe');
  await until(() => watcher.notes().includes('probe'), 'the probe edit');
  const after = await record(room);
  expect(after.scorecard).toEqual(before.scorecard);
  expect(after.notes).toBe('probe');
  return { room, attacker, watcher, error: attacker.errors()[0] ?? '' };
}

describe('the gate', () => {
  it('[PANEL3] refuses a top-level type that is not the panel’s, and the watcher never gets it', async () => {
    const { watcher, error } = await refused((doc) => doc.getMap('files').set('x', 'smuggled'));
    expect(error).toContain('"files" is not part of the panel\'s notes');
    expect(watcher.doc.share.has('files')).toBe(false);
    expect(watcher.heard.join('')).not.toContain('smuggled');
  });

  it('[PANEL3] refuses a nested type, keys on a text, formatting, and a value of the wrong shape', async () => {
    expect((await refused((doc) => doc.getMap('scorecard').set('recommendation', new Y.Text('yes')))).error).toContain(
      'one plain value per key',
    );
    expect((await refused((doc) => doc.getText('notes').insert(0, 'bold', { bold: true }))).error).toContain(
      'notes holds plain text only',
    );
    expect((await refused((doc) => doc.getText('notes').insertEmbed(0, { image: 'x' }))).error).toContain(
      'plain text only',
    );
    expect((await refused((doc) => doc.getMap('ratings').set('testing', 5))).error).toContain(
      'a rating is 1, 2, 3 or 4',
    );
    expect((await refused((doc) => doc.getMap('scorecard').set('recommendation', 'maybe'))).error).toContain(
      'must be one of strong_no, no, yes, strong_yes',
    );
    expect((await refused((doc) => doc.getMap('scorecard').set('hired', true))).error).toContain(
      'not a scorecard field',
    );
    expect(
      (await refused((doc) => doc.getMap('criteria').set('extra', { name: 'x', order: 1, secret: 'y' }))).error,
    ).toContain('criteria.extra');
    expect((await refused((doc) => doc.getMap('criteria').set('bad id!', { name: 'x', order: 1 }))).error).toContain(
      'is not a criterion id',
    );
  });

  it('[PANEL3] refuses bytes that are not an update without closing on the others', async () => {
    const room = await createRoom();
    const peer = await PanelPeer.connect(room.roomId, room.tokens.interviewer);
    const other = await PanelPeer.connect(room.roomId, room.tokens.observer);
    peer.send(new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]));
    await until(() => peer.errors()[0] ?? peer.closed, 'the refusal');
    expect(other.closed).toBeNull();
  });
});

describe('the scorecard', () => {
  it('[PANEL4] starts with the default criteria; observers rate and write the summary, the interviewer changes criteria', async () => {
    const room = await createRoom();
    const interviewer = await PanelPeer.connect(room.roomId, room.tokens.interviewer);
    const observer = await PanelPeer.connect(room.roomId, room.tokens.observer);
    expect(readScorecard(observer.doc).criteria.map((c) => c.name)).toEqual([
      'Problem solving',
      'Code quality',
      'Communication',
      'Testing',
    ]);
    observer.doc.getMap('ratings').set('communication', 3);
    observer.doc.getText('summary').insert(0, 'Clear thinker.');
    const id = addCriterion(interviewer.doc, 'System design');
    renameCriterion(interviewer.doc, 'testing', 'Tests first');
    removeCriterion(interviewer.doc, 'code_quality');
    // Each side holds the other's changes: then the room, which relayed them, has all of them.
    // (Four criteria alone is also the starting state, before any change arrived.)
    await until(() => {
      const seen = readScorecard(observer.doc).criteria.map((c) => c.name);
      const theirs = readScorecard(interviewer.doc);
      return (
        seen.includes('System design') &&
        seen.includes('Tests first') &&
        !seen.includes('Code quality') &&
        theirs.summary === 'Clear thinker.' &&
        theirs.criteria.some((c) => c.id === 'communication' && c.rating === 3)
      );
    }, 'both ways');
    const card = (await record(room)).scorecard;
    expect(card).toEqual({
      criteria: [
        { id: 'problem_solving', name: 'Problem solving', rating: null },
        { id: 'communication', name: 'Communication', rating: 3 },
        { id: 'testing', name: 'Tests first', rating: null },
        { id, name: 'System design', rating: null },
      ],
      recommendation: null,
      summary: 'Clear thinker.',
    });
    expect(observer.errors()).toEqual([]);
    expect(interviewer.errors()).toEqual([]);
  });

  it('[PANEL4] an observer cannot add, rename or remove criteria', async () => {
    for (const attack of [
      (doc: Y.Doc) => addCriterion(doc, 'Observer’s own'),
      (doc: Y.Doc) => renameCriterion(doc, 'testing', 'Renamed'),
      (doc: Y.Doc) => removeCriterion(doc, 'testing'),
    ]) {
      const { error } = await refused(attack, 'observer');
      expect(error).toContain("Only the interviewer can change the scorecard's criteria.");
    }
  });
});

describe('limits', () => {
  it('[PANEL5] notes past MAX_NOTES_CHARS, a summary past MAX_SUMMARY_CHARS and criteria past MAX_CRITERIA are refused', async () => {
    expect((await refused((doc) => doc.getText('notes').insert(0, 'n'.repeat(MAX_NOTES_CHARS + 1)))).error).toContain(
      `at most ${MAX_NOTES_CHARS} characters`,
    );
    expect(
      (await refused((doc) => doc.getText('summary').insert(0, 's'.repeat(MAX_SUMMARY_CHARS + 1)))).error,
    ).toContain(`at most ${MAX_SUMMARY_CHARS} characters`);
    const tooMany = await refused((doc) =>
      doc.transact(() => {
        for (let i = 0; i <= MAX_CRITERIA; i++) addCriterion(doc, `c${i}`);
      }),
    );
    expect(tooMany.error).toContain(`criteria: at most ${MAX_CRITERIA}`);
  });

  it('[PANEL5] a frame over MAX_PANEL_FRAME_BYTES closes the socket 4413', async () => {
    const room = await createRoom();
    const peer = await PanelPeer.connect(room.roomId, room.tokens.interviewer);
    peer.send(new Uint8Array(MAX_PANEL_FRAME_BYTES + 1));
    const closed = await until(() => peer.closed, 'the close');
    expect(closed.code).toBe(4413);
    expect(closed.reason).toContain(String(MAX_PANEL_FRAME_BYTES));
  });

  it('[PANEL5] a flood of messages closes the socket 4429', async () => {
    const room = await createRoom();
    const peer = await PanelPeer.connect(room.roomId, room.tokens.observer);
    const probe = new Uint8Array([0, 0, 1, 0]); // sync step 1 with an empty state vector
    for (let i = 0; i < MESSAGE_BURST * 3; i++) peer.send(probe);
    const closed = await until(() => peer.closed, 'the close');
    expect(closed.code).toBe(4429);
  });
});
