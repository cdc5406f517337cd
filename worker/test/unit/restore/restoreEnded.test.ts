/**
 * restoreTo (restore/restore.ts) re-checks the room after reading the past: the room may
 * end while it waits, and then nothing is changed. The host here is the room's interface
 * to restoreTo with a past reading that ends the room before it answers.
 */
import { describe, expect, it } from 'vitest';
import type { RoomHistory } from '../../../src/playback/roomHistory';
import { type RestoreHost, restoreTo } from '../../../src/restore/restore';
import type { Room } from '../../../src/room/room';
import type { RoomRecord } from '../../../src/room/roomMeta';

describe('[RST14] a room that ends while a restore reads the past', () => {
  it('refuses the restore room_ended and never touches the document', async () => {
    let active = true;
    let touched = 0;
    const room = { flush: () => undefined, lastAt: () => 1_500 } as unknown as Room;
    const host: RestoreHost = {
      active: () => active,
      room: () => {
        touched += 1;
        return room;
      },
      sockets: {} as RestoreHost['sockets'],
      playback: {
        readAt: async () => {
          active = false; // the interviewer ended the room meanwhile
          return { answer: { files: [{ id: 'f', path: 'main.py', content: 'print(1)\n' }] } };
        },
      } as unknown as RoomHistory,
    };
    const record = { createdAt: 1_000 } as RoomRecord;
    const answer = await restoreTo(host, 'interviewer', record, 2_000, 3_000);
    expect(answer).toMatchObject({ ok: false, refusal: { code: 'room_ended' } });
    expect(touched).toBe(1); // the flush before the read, nothing after
  });
});
