/**
 * The presence sweep and hibernation (SYNC9): the sweep's alarm is set for when a socket
 * could first have gone silent, not on a short beat, so a quiet room is evicted from
 * memory between sweeps; a socket that went silent is still closed by the woken room.
 */
import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../src/room/messages';
import { createRoom, Peer, until } from './support';

/** workerd evicts an object after ~10 s with nothing to do; looking is itself activity, so look every 11 s. */
const LOOK_EVERY_MS = 11_000;

describe('presence sweep', () => {
  it('[SYNC9] a room whose socket is silent hibernates before its sweep, and the woken room still closes the socket', async () => {
    const room = await createRoom();
    const silent = await Peer.connect(room.roomId, room.tokens.observer, { name: 'silent' });
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    const first = await runInDurableObject(stub, (instance) => instance);
    await until(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS));
        return (await runInDurableObject(stub, (instance) => instance)) !== first;
      },
      'the room to hibernate with its socket open',
      40_000,
    );
    expect(silent.closed).toBeNull();
    await until(() => silent.closed !== null, 'the silent socket to be closed', 60_000);
    expect(silent.closed?.code).toBe(CLOSE_CODES.silent);
  }, 120_000);
});
