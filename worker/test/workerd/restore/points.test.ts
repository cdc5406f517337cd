/**
 * GET /api/rooms/:roomId/restore-points (who may, and the points: before runs, every five
 * minutes of activity, before restores) and the size limits a restore keeps.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, RESTORE_POINT_EVERY_MS } from '../../../src/limits';
import type { RestorePoints } from '../../../src/restore/schema';
import { createFile, deleteFile, fileByPath } from '../../../src/room/doc';
import type { RoomDO } from '../../../src/room/RoomDO';
import { api, createRoom } from '../support';
import { momentAfter, refusalOf, restore, restored } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

async function pointsOf(roomId: string, token: string): Promise<RestorePoints> {
  const res = await api(`/api/rooms/${roomId}/restore-points`, { token });
  if (res.status !== 200) throw new Error(`points: ${res.status} ${await res.text()}`);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as RestorePoints;
}

describe('restore points', () => {
  it('[RST7] list, newest first, the moment before each restore, each run at its start, and a point every five minutes of activity', async () => {
    const room = await createRoom();
    const moment = await momentAfter(room.roomId, room.tokens.interviewer, 1);
    const undo = await restored(room.roomId, room.tokens.interviewer, moment);
    const run = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: '{}',
    });
    expect(run.status).toBe(202);
    const { runId } = (await run.json()) as { runId: string };
    const started = (
      (await (await api(`/api/runs/${runId}`, { token: room.tokens.observer })).json()) as { createdAt: number }
    ).createdAt;
    // Twenty minutes of Ada typing every 40 s, as stored history (empty updates: only the times are read).
    const base = await runInDurableObject(stubOf(room.roomId), (instance: RoomDO, state) => {
      instance.room.flush();
      const first = instance.room.lastAt() + 40_000;
      for (let i = 0; i < 30; i++) {
        state.storage.sql.exec(
          'INSERT INTO doc_updates (data, at, conn_id, name, role) VALUES (?, ?, ?, ?, ?)',
          new Uint8Array([0, 0]),
          first + i * 40_000,
          'c-ada',
          'Ada',
          'candidate',
        );
      }
      return first;
    });
    const ada = [{ name: 'Ada', role: 'candidate' }];
    const activity = [23, 15, 7].map((i) => ({
      at: base + i * 40_000,
      kind: 'activity',
      label: `${RESTORE_POINT_EVERY_MS / 60_000} minutes of editing by Ada`,
      who: ada,
    }));
    const expected = [
      ...activity,
      {
        at: started,
        kind: 'run',
        label: 'Before a run by candidate (API)',
        who: [{ name: 'candidate (API)', role: 'candidate' }],
      },
      {
        at: undo.restoredFrom,
        kind: 'restore',
        label: 'Before a restore by interviewer',
        who: [{ name: 'interviewer', role: 'interviewer' }],
      },
    ];
    expect((await pointsOf(room.roomId, room.tokens.interviewer)).points).toEqual(expected);
    // A second listing reads on from where the first stopped and finds the same.
    expect((await pointsOf(room.roomId, room.tokens.observer)).points).toEqual(expected);
  });

  it('[RST7] are refused to a candidate (403, roles.ts words) and to no token (401)', async () => {
    const room = await createRoom();
    const refusal = await refusalOf(
      await api(`/api/rooms/${room.roomId}/restore-points`, { token: room.tokens.candidate }),
    );
    expect(refusal).toEqual({
      status: 403,
      code: 'forbidden',
      message: 'You joined as candidate. Only the interviewer and observers can see this.',
    });
    expect((await api(`/api/rooms/${room.roomId}/restore-points`)).status).toBe(401);
  });
});

describe('a restore and the room’s limits', () => {
  it('[RST6] a restore past a file’s limit (an older room’s file) is refused in words and changes nothing', async () => {
    const room = await createRoom();
    const stub = stubOf(room.roomId);
    // The room's own changes skip the gate: as a room made before the limits held such a file.
    const moment = await runInDurableObject(stub, (instance: RoomDO) => {
      const at = Date.now();
      instance.room.change((doc) => createFile(doc, 'big.py', 'x'.repeat(MAX_FILE_BYTES + 1)), at);
      instance.room.change((doc) => deleteFile(doc, fileByPath(doc, 'big.py')?.id ?? ''), at + 1);
      instance.room.flush();
      return at;
    });
    await momentAfter(room.roomId, room.tokens.interviewer, 3);
    const refusal = await refusalOf(await restore(room.roomId, room.tokens.interviewer, { at: moment }));
    expect(refusal).toEqual({
      status: 413,
      code: 'doc_too_large',
      message: expect.stringMatching(/^big\.py would be .+; a file can hold at most .+ The files were not restored\.$/),
    });
    const files = (await (await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.observer })).json()) as {
      files: { path: string }[];
    };
    expect(files.files.map((f) => f.path)).toEqual(['main.py']);
    // Back to before the large file: nothing grows, so it is taken.
    const first = (await restored(room.roomId, room.tokens.interviewer, moment - 1)).files.map((f) => f.path);
    expect(first).toEqual(['main.py']);
  });
});
