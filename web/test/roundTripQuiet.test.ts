/**
 * Review: round-trip probes go only while the room is in use (roundTrip.ts), and "in
 * use" is a document update or an awareness `change`. A quiet room must stay quiet:
 * the stock presence renewal every peer sends (same state, clock + 1, every 15 s) and a
 * probe's own empty step 2 answer must not count as use, or two idle tabs would keep
 * each other's room awake for ever.
 */
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

describe('what counts as use (review)', () => {
  it('[WEB14] a peer renewing the same presence state is an awareness update but not a change', () => {
    const theirs = new awarenessProtocol.Awareness(new Y.Doc());
    const ours = new awarenessProtocol.Awareness(new Y.Doc());
    theirs.setLocalState({ user: { name: 'a' } });
    awarenessProtocol.applyAwarenessUpdate(
      ours,
      awarenessProtocol.encodeAwarenessUpdate(theirs, [theirs.clientID]),
      'room',
    );
    let changes = 0;
    let updates = 0;
    ours.on('change', () => changes++);
    ours.on('update', () => updates++);
    // What the renewal does: the same state again, which bumps the clock.
    theirs.setLocalState({ user: { name: 'a' } });
    awarenessProtocol.applyAwarenessUpdate(
      ours,
      awarenessProtocol.encodeAwarenessUpdate(theirs, [theirs.clientID]),
      'room',
    );
    expect(updates).toBe(1);
    expect(changes).toBe(0);
    theirs.destroy();
    ours.destroy();
  });

  it("[WEB14] a probe's step 2 answer with nothing new fires no document update", () => {
    const room = new Y.Doc();
    room.getText('t').insert(0, 'hello');
    const ours = new Y.Doc();
    Y.applyUpdate(ours, Y.encodeStateAsUpdate(room));
    let updates = 0;
    ours.on('update', () => updates++);
    Y.applyUpdate(ours, Y.encodeStateAsUpdate(room, Y.encodeStateVector(ours)));
    expect(updates).toBe(0);
  });
});
