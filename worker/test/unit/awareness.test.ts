import { describe, expect, it } from 'vitest';
import { AwarenessRegistry, decodeAwarenessUpdate, encodeAwarenessUpdate } from '../../src/room/awareness';

const entry = (clientId: number, clock: number, state: unknown) => ({ clientId, clock, state: JSON.stringify(state) });

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
