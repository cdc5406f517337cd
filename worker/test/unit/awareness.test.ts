import { describe, expect, it } from 'vitest';
import { AwarenessRegistry, decodeAwarenessUpdate, encodeAwarenessUpdate } from '../../src/room/awareness';
import { encodeAwareness } from '../../src/room/protocol';
import { Room, type Sender } from '../../src/room/room';
import { ListLog } from './listLog';

const entry = (clientId: number, clock: number, state: unknown) => ({ clientId, clock, state: JSON.stringify(state) });
const writer = (connId: string): Sender => ({ connId, name: 'Ada', role: 'candidate', canWrite: true });

describe('awareness registry', () => {
  it('[SYNC6] round-trips the y-protocols wire format', () => {
    const entries = [entry(1, 3, { user: { name: 'Ada' } }), entry(2, 0, null)];
    expect(decodeAwarenessUpdate(encodeAwarenessUpdate(entries))).toEqual(entries);
  });

  it('[SYNC6] refuses a state that is not JSON', () => {
    const bytes = encodeAwarenessUpdate([{ clientId: 1, clock: 1, state: '{not json' }]);
    expect(() => decodeAwarenessUpdate(bytes)).toThrow();
  });

  it('[SYNC6] keeps only newer clocks', () => {
    const registry = new AwarenessRegistry();
    expect(registry.apply('a', [entry(1, 2, { v: 2 })])).toHaveLength(1);
    expect(registry.apply('a', [entry(1, 1, { v: 1 })])).toEqual([]);
    expect(registry.all()).toMatchObject([{ clientId: 1, clock: 2 }]);
  });

  it('[SYNC5] does not let one connection take over a client id another one owns', () => {
    const registry = new AwarenessRegistry();
    registry.apply('a', [entry(1, 1, { who: 'a' })]);
    expect(registry.apply('b', [entry(1, 9, { who: 'b' })])).toEqual([]);
    expect(registry.ownedBy('a')).toMatchObject([{ clientId: 1, state: '{"who":"a"}' }]);
  });

  it('[SYNC5] removes only the leaving owner states, with a higher clock', () => {
    const registry = new AwarenessRegistry();
    registry.apply('a', [entry(1, 4, { who: 'a' })]);
    registry.apply('b', [entry(2, 1, { who: 'b' })]);
    expect(registry.removeOwner('a')).toEqual([{ clientId: 1, clock: 5, state: 'null' }]);
    expect(registry.all().map((e) => e.clientId)).toEqual([2]);
    // After the owner left, a new connection may use that id (a reloaded tab keeps its id).
    expect(registry.apply('c', [entry(1, 6, { who: 'c' })])).toHaveLength(1);
  });
});

describe('echoes (SYNC19)', () => {
  // Stock y-websocket clients send back every presence change they hear: in a room of 50,
  // each cursor move returns 49 times. An echo is skipped unparsed; anything else is checked.
  const cursor = (clientId: number, clock: number, state: unknown) =>
    encodeAwareness(encodeAwarenessUpdate([entry(clientId, clock, state)]));

  function roomWithAda() {
    const room = new Room(new ListLog());
    room.seed('python');
    const [relay] = room.receive(writer('a'), cursor(7, 1, { user: { name: 'x' }, cursor: null }));
    if (relay?.kind !== 'send') throw new Error('the first presence was not relayed');
    return { room, relayed: relay.frame };
  }

  it('[SYNC19] an echo of what the room relayed changes nothing and is not relayed again', () => {
    const { room, relayed } = roomWithAda();
    expect(room.receive(writer('b'), relayed)).toEqual([]);
    expect(room.receive(writer('a'), relayed)).toEqual([]);
    expect(room.awareness.ownedBy('a')).toHaveLength(1);
    expect(room.awareness.ownedBy('b')).toEqual([]);
  });

  it('[SYNC19] a state that only looks like an echo (same id and clock, other bytes) is still checked', () => {
    const { room } = roomWithAda();
    const forged = encodeAwareness(encodeAwarenessUpdate([{ clientId: 7, clock: 1, state: '{not json' }]));
    expect(room.receive(writer('b'), forged)).toMatchObject([{ kind: 'close', code: 4400 }]);
    expect(room.receive(writer('a'), forged)).toMatchObject([{ kind: 'close', code: 4400 }]);
  });

  it('[SYNC19] its owner moving the cursor again is relayed', () => {
    const { room } = roomWithAda();
    const effects = room.receive(writer('a'), cursor(7, 2, { user: { name: 'x' }, cursor: null }));
    expect(effects).toMatchObject([{ kind: 'send', audience: { to: 'others', except: 'a' } }, { kind: 'presence' }]);
  });
});
