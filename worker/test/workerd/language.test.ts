/**
 * Switching the room's language in real workerd (room/languageSwitch.ts): who may, what
 * the document and D1 become, what everyone is told, a question room's starter, a
 * switch back, and a run in flight.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { LANGUAGES } from '@codesync/executor/languages';
import { describe, expect, it } from 'vitest';
import { cannot } from '../../src/auth/roles';
import { questionFor } from '../../src/questions';
import { entryFile, listFiles } from '../../src/room/doc';
import type { RunRecord } from '../../src/runs/record';
import { RunRepository } from '../../src/runs/repository';
import type { Run } from '../../src/runs/run';
import { queuedRun } from '../unit/runs/support';
import { api, type CreatedRoom, createRoom, Peer, until } from './support';

const stubOf = (roomId: string) => env.ROOM.get(env.ROOM.idFromName(roomId));

function switchTo(room: CreatedRoom, language: string, token = room.tokens.interviewer) {
  return api(`/api/rooms/${room.roomId}/language`, {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language }),
  });
}

async function filesOf(room: CreatedRoom) {
  const res = await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.observer });
  return (await res.json()) as { files: { path: string; content: string }[]; entry: string | null };
}

const d1Language = async (roomId: string) =>
  (await env.DB.prepare('SELECT language FROM rooms WHERE id = ?').bind(roomId).first<{ language: string }>())
    ?.language;

describe('switching the language', () => {
  it('[CLK8] only the interviewer switches; a candidate or observer is refused in words and nothing changes', async () => {
    const room = await createRoom();
    for (const role of ['candidate', 'observer'] as const) {
      const res = await switchTo(room, 'go', room.tokens[role]);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'forbidden', message: cannot(role, 'language') } });
    }
    expect((await filesOf(room)).files.map((f) => f.path)).toEqual(['main.py']);
    expect(await d1Language(room.roomId)).toBe('python');

    const bad = await switchTo(room, 'cobol');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^language: must be one of /);

    await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const late = await switchTo(room, 'go');
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('room_ended');
  });

  it('[CLK9] everyone sees the new language and its starter as the entry file; the old code stays; D1 follows', async () => {
    const room = await createRoom();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const observer = await Peer.connect(room.roomId, room.tokens.observer, { events: false });
    candidate.edit('main.py', 0, '# my python answer\n');
    await until(() => observer.text().startsWith('# my python answer'), 'the edit');

    const res = await switchTo(room, 'go');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ roomId: room.roomId, language: 'go' });

    await until(() => candidate.room.view.room?.language === 'go', 'the room message');
    for (const peer of [candidate, observer]) {
      await until(() => entryFile(peer.doc)?.path === 'main.go', 'the new entry file');
      expect(peer.text('main.go')).toBe(LANGUAGES.go.starter);
      expect(peer.text('main.py')).toMatch(/^# my python answer\n/);
    }
    const { files, entry } = await filesOf(room);
    expect(entry).toBe('main.go');
    expect(files.map((f) => f.path)).toEqual(['main.go', 'main.py']);
    expect(await d1Language(room.roomId)).toBe('go');
    const info = (await (await api(`/api/rooms/${room.roomId}`, { token: room.tokens.candidate })).json()) as {
      language: string;
    };
    expect(info.language).toBe('go');

    // Switching back opens the old file again, with its code; no second main.py.
    candidate.edit('main.go', 0, '// go attempt\n');
    await until(() => observer.text('main.go').startsWith('// go attempt'), 'the go edit');
    await switchTo(room, 'python');
    await until(() => entryFile(observer.doc)?.path === 'main.py', 'the entry back');
    expect(listFiles(observer.doc).map((f) => f.path)).toEqual(['main.go', 'main.py']);
    expect(observer.text('main.py')).toMatch(/^# my python answer\n/);
    expect(observer.text('main.go')).toMatch(/^\/\/ go attempt\n/);
  });

  it("[CLK9] a room made from a question opens the question's starter in the new language", async () => {
    const room = await createRoom({ questionId: 'two-sum', language: 'python' });
    await switchTo(room, 'rust');
    const { files, entry } = await filesOf(room);
    expect(entry).toBe('main.rs');
    expect(files.find((f) => f.path === 'main.rs')?.content).toBe(questionFor('two-sum')?.starters.rust);
  });

  it("[CLK9] the starter follows the room's question as it is now: a swapped-in question's, a written one's none", async () => {
    const changeQuestion = (room: CreatedRoom, change: object) =>
      api(`/api/rooms/${room.roomId}/question`, {
        method: 'PUT',
        token: room.tokens.interviewer,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(change),
      });
    // A blank room whose interviewer swaps in a bank question: the new language's starter is that question's.
    const blank = await createRoom({ language: 'python' });
    expect((await changeQuestion(blank, { op: 'swap', questionId: 'merge-intervals' })).status).toBe(200);
    expect((await switchTo(blank, 'rust')).status).toBe(200);
    const swapped = await filesOf(blank);
    expect(swapped.entry).toBe('main.rs');
    expect(swapped.files.find((f) => f.path === 'main.rs')?.content).toBe(
      questionFor('merge-intervals')?.starters.rust,
    );

    // A room made from one question that now asks another: never the first question's starter.
    const moved = await createRoom({ questionId: 'two-sum', language: 'python' });
    expect((await changeQuestion(moved, { op: 'swap', questionId: 'valid-parentheses' })).status).toBe(200);
    expect((await switchTo(moved, 'go')).status).toBe(200);
    const go = (await filesOf(moved)).files.find((f) => f.path === 'main.go')?.content;
    expect(go).toBe(questionFor('valid-parentheses')?.starters.go);

    // A question written in the room has no starters: the language's own.
    const written = await createRoom({ questionId: 'two-sum', language: 'python' });
    const write = { op: 'write', title: 'Reverse a string', statement: 'Print the input reversed.' };
    expect((await changeQuestion(written, write)).status).toBe(200);
    expect((await switchTo(written, 'go')).status).toBe(200);
    expect((await filesOf(written)).files.find((f) => f.path === 'main.go')?.content).toBe(LANGUAGES.go.starter);
  });

  it('[CLK9] a run in flight keeps the language it was sent with; the next run uses the new one', async () => {
    const room = await createRoom();
    // A run the executor is still working on (posted before the switch).
    await runInDurableObject(stubOf(room.roomId), async (_instance, state) => {
      const waits: Promise<unknown>[] = [];
      const repo = new RunRepository(
        state.storage.sql,
        env.DB,
        () => room.roomId,
        (p) => waits.push(p),
      );
      const record: RunRecord = { run: queuedRun('run-1', Date.now()), nextSeq: 0, jobId: 'job-1', held: [] };
      repo.save(record);
      await Promise.all(waits);
    });
    expect((await switchTo(room, 'javascript')).status).toBe(200);
    const inFlight = (await (await api('/api/runs/run-1', { token: room.tokens.observer })).json()) as Run;
    expect(inFlight).toMatchObject({ state: 'queued', language: 'python', path: 'main.py' });

    await runInDurableObject(stubOf(room.roomId), (_instance, state) => {
      state.storage.sql.exec('DELETE FROM runs');
    });
    const started = await api(`/api/rooms/${room.roomId}/runs`, { method: 'POST', token: room.tokens.candidate });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    const next = (await (await api(`/api/runs/${runId}`, { token: room.tokens.observer })).json()) as Run;
    expect(next).toMatchObject({ language: 'javascript', path: 'main.js' });
  });
});
