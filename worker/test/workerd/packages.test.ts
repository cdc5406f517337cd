/**
 * The libraries a room declares (room/packages.ts) in real workerd: who may set them,
 * what is refused, what everyone is told, and that they outlive the object.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { MAX_PACKAGES } from '@codesync/executor/limits';
import { describe, expect, it } from 'vitest';
import { cannot } from '../../src/auth/roles';
import { api, type CreatedRoom, createRoom, Peer, until } from './support';

function declare(room: CreatedRoom, packages: unknown, token = room.tokens.candidate) {
  return api(`/api/rooms/${room.roomId}/packages`, {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ packages }),
  });
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("the room's libraries", () => {
  it('[LIB8] an editor declares them for the room’s language; everyone is told, and a newcomer on connect', async () => {
    const room = await createRoom(); // python
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    const res = await declare(room, ['sortedcontainers@2.4.0', 'cs-greet@1.0']);
    expect(res.status).toBe(200);
    const expected = { python: ['sortedcontainers@2.4.0', 'cs-greet@1.0'] };
    expect(await res.json()).toEqual({ type: 'packages', packages: expected });
    await until(() => observer.room.view.packages.python?.length === 2, 'the packages message');
    expect(observer.room.view.packages).toEqual(expected);

    const byInterviewer = await declare(room, ['sortedcontainers@2.4.0'], room.tokens.interviewer);
    expect(byInterviewer.status).toBe(200);
    const late = await Peer.connect(room.roomId, room.tokens.candidate);
    await until(() => late.room.view.packages.python?.length === 1, 'the packages message on connect');

    // An empty list removes the language's entry.
    expect((await declare(room, [])).status).toBe(200);
    await until(() => observer.room.view.packages.python === undefined, 'the removal');
  });

  it('[LIB8] an observer cannot change them: refused in roles.ts words, nothing changes', async () => {
    const room = await createRoom();
    await declare(room, ['numpy-extra@1.0']);
    const res = await declare(room, ['evil@6.6.6'], room.tokens.observer);
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: 'forbidden', message: cannot('observer', 'edit') });
    const peer = await Peer.connect(room.roomId, room.tokens.observer);
    await until(() => peer.room.view.packages.python !== undefined, 'the packages message');
    expect(peer.room.view.packages).toEqual({ python: ['numpy-extra@1.0'] });
  });

  it('[LIB8] specs are checked on the server with the executor’s grammar; a bad body is 400 naming the field', async () => {
    const room = await createRoom();
    const refused: [unknown, RegExp][] = [
      [['git+https://example.com/x.git'], /^packages\[0\]: .*name@exact-version/],
      [['numpy@>=1.0'], /^packages\[0\]/],
      [['../x@1.0'], /^packages\[0\]/],
      [['a@1.0', 'A@2.0'], /named twice/],
      [Array.from({ length: MAX_PACKAGES + 1 }, (_, i) => `p${i}@1.0`), /^packages: must list at most/],
      ['numpy@1.0', /^packages: /],
      [['x'.repeat(200)], /^packages\.0: must be at most/],
    ];
    for (const [packages, message] of refused) {
      const res = await declare(room, packages);
      expect(res.status, JSON.stringify(packages)).toBe(400);
      expect((await errorOf(res)).message).toMatch(message);
    }
    const extra = await api(`/api/rooms/${room.roomId}/packages`, {
      method: 'POST',
      token: room.tokens.candidate,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ packages: [], registry: 'http://127.0.0.1:1/' }),
    });
    expect(extra.status).toBe(400);
    const peer = await Peer.connect(room.roomId, room.tokens.observer);
    await until(() => peer.room.view.room !== null, 'hello');
    expect(peer.room.view.packages).toEqual({});
  });

  it('[LIB8] a language without a registry takes none; an ended room refuses', async () => {
    const room = await createRoom({ language: 'go' });
    const res = await declare(room, ['golang.org/x/exp@1.0.0']);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/go takes no packages/);

    const python = await createRoom();
    await api(`/api/rooms/${python.roomId}/end`, { method: 'POST', token: python.tokens.interviewer });
    const late = await declare(python, ['numpy-extra@1.0']);
    expect(late.status).toBe(409);
    expect((await errorOf(late)).code).toBe('room_ended');
  });

  it('[LIB8] the list is kept in the room’s own SQLite, per language', async () => {
    const room = await createRoom();
    await declare(room, ['cs-greet@1.0']);
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    const stored = await runInDurableObject(stub, (_instance, state) =>
      state.storage.sql
        .exec<{ language: string; specs: string }>('SELECT language, specs FROM room_packages')
        .toArray(),
    );
    expect(stored).toEqual([{ language: 'python', specs: JSON.stringify(['cs-greet@1.0']) }]);
  });
});
