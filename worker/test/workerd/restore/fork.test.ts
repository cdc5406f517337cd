/** The room's files as a zip, and the interviewer's fork into a new room (restore/zip.ts, restore/fork.ts). */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CreatedRoom } from '../../../../testing/rooms';
import { createFile, readFiles, readStdin, setStdin } from '../../../src/room/doc';
import { ownedRoom, ownerOf, post, signedIn } from '../ownership/accounts';
import { api, createRoom, Peer, until } from '../support';
import { refusalOf } from './support';

const filesOf = async (roomId: string, token: string) =>
  (
    (await (await api(`/api/rooms/${roomId}/files`, { token })).json()) as {
      files: { path: string; content: string }[];
      entry: string;
    }
  ).files;

describe('the zip', () => {
  it('[RST9] anyone in the room downloads its files now, byte for byte; no token is 401', async () => {
    const room = await createRoom();
    const ada = await Peer.connect(room.roomId, room.tokens.candidate);
    ada.edit('main.py', 0, 'print("✓")\n');
    createFile(ada.doc, 'lib/util.py', 'X = 1\n');
    await until(async () => (await filesOf(room.roomId, room.tokens.observer)).length === 2, 'stored');
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      const res = await api(`/api/rooms/${room.roomId}/files.zip`, { token: room.tokens[role] });
      expect(res.status, role).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="codesync-${room.roomId}.zip"`);
      const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const unpacked = Object.entries(entries).map(([path, bytes]) => ({ path, content: strFromU8(bytes) }));
      expect(unpacked.sort((a, b) => a.path.localeCompare(b.path))).toEqual(readFiles(ada.doc));
    }
    expect((await api(`/api/rooms/${room.roomId}/files.zip`)).status).toBe(401);
    ada.close();
  });
});

async function fork(room: CreatedRoom, token: string): Promise<Response> {
  return api(`/api/rooms/${room.roomId}/fork`, { method: 'POST', token });
}

describe('the fork', () => {
  it('[RST10] makes a new room with the language, question, files, entry and stdin; the source stays; an ended room forks too', async () => {
    const room = await createRoom({ questionId: 'two-sum', language: 'javascript', title: 'Two sum, round 2' });
    const ada = await Peer.connect(room.roomId, room.tokens.candidate);
    createFile(ada.doc, 'helpers.js', 'module.exports = 1;\n');
    setStdin(ada.doc, '4\n1 2 3 4\n');
    await until(async () => (await filesOf(room.roomId, room.tokens.observer)).length === 2, 'stored');
    const source = await filesOf(room.roomId, room.tokens.interviewer);
    const question = await (await api(`/api/rooms/${room.roomId}/question`, { token: room.tokens.interviewer })).json();

    const res = await fork(room, room.tokens.interviewer);
    expect(res.status).toBe(201);
    const copy = (await res.json()) as CreatedRoom;
    expect(copy.roomId).not.toBe(room.roomId);
    expect(copy.links.candidate).toBe(`http://codesync.test/r/${copy.roomId}#token=${copy.tokens.candidate}`);
    expect(await filesOf(copy.roomId, copy.tokens.candidate)).toEqual(source);
    const details = (await (await api(`/api/rooms/${copy.roomId}`, { token: copy.tokens.interviewer })).json()) as {
      title: string;
      language: string;
    };
    expect(details).toMatchObject({ title: 'Two sum, round 2 (fork)', language: 'javascript' });
    // The question as the source stores it, hidden cases and all, seen by the new interviewer.
    expect(await (await api(`/api/rooms/${copy.roomId}/question`, { token: copy.tokens.interviewer })).json()).toEqual(
      question,
    );
    const bo = await Peer.connect(copy.roomId, copy.tokens.candidate);
    expect(readStdin(bo.doc)).toBe('4\n1 2 3 4\n');
    expect(await filesOf(room.roomId, room.tokens.observer)).toEqual(source);

    expect(
      (await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer })).status,
    ).toBe(200);
    expect((await fork(room, room.tokens.interviewer)).status).toBe(201);
    ada.close();
    bo.close();
  });

  it('[RST10] is the interviewer’s: a candidate and an observer are refused in roles.ts words, no room is made', async () => {
    const room = await createRoom();
    for (const role of ['candidate', 'observer'] as const) {
      expect(await refusalOf(await fork(room, room.tokens[role]))).toEqual({
        status: 403,
        code: 'forbidden',
        message: `You joined as ${role}. Only the interviewer can duplicate this room into a new one.`,
      });
    }
    expect((await api(`/api/rooms/${room.roomId}/fork`, { method: 'POST' })).status).toBe(401);
  });

  it('[RST10] a fork made with a session belongs to that account', async () => {
    const grace = await signedIn('Grace');
    const room = await ownedRoom(grace);
    const res = await post(grace, `/api/rooms/${room.roomId}/fork`);
    expect(res.status).toBe(201);
    const { roomId } = (await res.json()) as CreatedRoom;
    expect(await ownerOf(roomId)).toBe(grace.accountId);
  });
});
