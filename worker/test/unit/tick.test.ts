/**
 * One merged broadcast per tick (room/tick.ts), with the tick's timer in the test's hands.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Audience } from '../../src/room/audience';
import { type AwarenessEntry, decodeAwarenessUpdate } from '../../src/room/awareness';
import { decodeFrame } from '../../src/room/protocol';
import { Ticks } from '../../src/room/tick';

function harness() {
  const sent: { frame: Uint8Array; audience: Audience }[] = [];
  const timers: (() => void)[] = [];
  const ticks = new Ticks(
    (frame, audience) => sent.push({ frame, audience }),
    (run) => timers.push(run),
  );
  const endTick = () => {
    const run = timers.shift();
    if (!run) throw new Error('no tick is open');
    run();
  };
  return { ticks, sent, timers, endTick };
}

/** Keystrokes of one client, each as the update its transaction made. */
function keystrokes(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, String.fromCharCode(97 + (i % 26)));
  return { doc, updates };
}

const payload = (frame: Uint8Array) => {
  const message = decodeFrame(frame);
  if (message.kind !== 'update' && message.kind !== 'awareness') throw new Error(`unexpected ${message.kind}`);
  return message.update;
};

describe('one broadcast per tick', () => {
  it('[SYNC11] the first update of a quiet room is sent at once; the rest of its tick leave merged as one frame', () => {
    const { ticks, sent, timers, endTick } = harness();
    const { doc, updates } = keystrokes(5);
    ticks.update(updates[0] as Uint8Array, 'a');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.audience).toEqual({ to: 'others', except: 'a' });
    for (const update of updates.slice(1)) ticks.update(update, 'a');
    expect(sent).toHaveLength(1);
    endTick();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.audience).toEqual({ to: 'others', except: 'a' });
    const peer = new Y.Doc();
    for (const { frame } of sent) Y.applyUpdate(peer, payload(frame));
    expect(peer.getText('t').toString()).toBe(doc.getText('t').toString());
    // The tick that sent something stays open one more tick; an empty one closes it.
    endTick();
    expect(timers).toHaveLength(0);
    ticks.update(keystrokes(1).updates[0] as Uint8Array, 'b');
    expect(sent).toHaveLength(3);
  });

  it('[SYNC11] updates of several authors in one tick reach everyone (each author too) in one frame', () => {
    const { ticks, sent, endTick } = harness();
    const a = keystrokes(2);
    const b = keystrokes(2);
    ticks.update(a.updates[0] as Uint8Array, 'a');
    ticks.update(a.updates[1] as Uint8Array, 'a');
    ticks.update(b.updates[0] as Uint8Array, 'b');
    ticks.update(b.updates[1] as Uint8Array, 'b');
    endTick();
    expect(sent.map((s) => s.audience)).toEqual([{ to: 'others', except: 'a' }, { to: 'everyone' }]);
    const peer = new Y.Doc();
    for (const { frame } of sent) Y.applyUpdate(peer, payload(frame));
    expect(peer.store.pendingStructs).toBeNull();
    expect(peer.getText('t').length).toBe(4);
  });

  it('[SYNC12] presence is merged the same way: one frame per tick, the newest state of each client', () => {
    const { ticks, sent, endTick } = harness();
    const at = (clientId: number, clock: number, state: string): AwarenessEntry => ({ clientId, clock, state });
    ticks.awareness([at(1, 1, '{"x":1}')], 'a');
    for (let clock = 2; clock <= 30; clock++) ticks.awareness([at(1, clock, `{"x":${clock}}`)], 'a');
    ticks.awareness([at(2, 5, '{"y":1}')], 'b');
    ticks.awareness([at(2, 5, 'null')], null);
    endTick();
    expect(sent).toHaveLength(2);
    expect(decodeAwarenessUpdate(payload(sent[1]?.frame as Uint8Array))).toEqual([
      at(1, 30, '{"x":30}'),
      at(2, 5, 'null'),
    ]);
    expect(sent[1]?.audience).toEqual({ to: 'everyone' });
  });
});
