/**
 * The room's question inside workerd: seeded from the bank, told to each socket as its
 * role may see it, changed by the interviewer alone (over HTTP and the socket), bounded,
 * swapped without touching the code written, and kept across a restart.
 */
import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_STATEMENT_BYTES } from '../../src/limits';
import { questionFor, starterFor } from '../../src/questions';
import { readFiles } from '../../src/room/doc';
import type { QuestionView } from '../../src/room/question/schema';
import { QuestionStore } from '../../src/room/question/store';
import { api, createRoom, Peer, until } from './support';

/** The storage step that made the question table (room/storage/migrations.ts). */
const QUESTION_STEP = 9;

type Answer = { question: QuestionView | null; error?: { code: string; message: string } };

async function getQuestion(roomId: string, token: string): Promise<Answer & { status: number }> {
  const res = await api(`/api/rooms/${roomId}/question`, { token });
  return { status: res.status, ...((await res.json()) as Answer) };
}

async function putQuestion(roomId: string, token: string, body: unknown): Promise<Answer & { status: number }> {
  const res = await api(`/api/rooms/${roomId}/question`, {
    method: 'PUT',
    token,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, ...((await res.json()) as Answer) };
}

const HIDDEN = { name: 'SECRET-NAME-5d1', stdin: 'SECRET-STDIN-8aa\n', expected: 'SECRET-OUT-2c9\n' };

/** A room with a question written in it: one visible case, one hidden (with unique strings). */
async function roomWithSecret() {
  const room = await createRoom();
  const written = await putQuestion(room.roomId, room.tokens.interviewer, {
    op: 'write',
    title: 'Echo',
    statement: '# Echo\nPrint the input.',
    difficulty: 'easy',
    cases: [
      { name: 'hello', stdin: 'hi\n', expected: 'hi\n', hidden: false, compare: 'exact' },
      { ...HIDDEN, hidden: true, compare: 'trimmed', timeLimitMs: 2000 },
    ],
  });
  expect(written.status).toBe(200);
  return room;
}

const leaks = (text: string) => Object.values(HIDDEN).some((secret) => text.includes(secret.trim()));

describe('the room question', () => {
  it('[RQ1] a room made from a bank question holds its statement and every case, each with a stable id', async () => {
    const room = await createRoom({ questionId: 'two-sum', language: 'python' });
    const bank = questionFor('two-sum');
    if (!bank) throw new Error('two-sum is in the bank');
    const { question } = await getQuestion(room.roomId, room.tokens.interviewer);
    expect(question).toMatchObject({
      from: 'two-sum',
      title: bank.question.title,
      statement: bank.statement,
      difficulty: bank.question.difficulty,
      hiddenCases: bank.question.tests.filter((c) => c.hidden).length,
    });
    expect(question?.cases.map(({ id: _id, ...c }) => c)).toEqual(bank.question.tests);
    const again = await getQuestion(room.roomId, room.tokens.observer);
    expect(again.question?.cases.map((c) => c.id)).toEqual(question?.cases.map((c) => c.id));
    // Not in the shared doc: a stock Yjs client that joins gets none of it.
    const peer = await Peer.connect(room.roomId, room.tokens.candidate, { events: false });
    expect(JSON.stringify(peer.doc.toJSON())).not.toContain(bank.statement.slice(0, 40));
    peer.close();
    expect((await getQuestion((await createRoom()).roomId, room.tokens.interviewer)).status).toBe(401);
  });

  it('[RQ1] a room made from a question before the question table existed gets it when it wakes', async () => {
    const room = await createRoom({ questionId: 'valid-parentheses' });
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    // As storage stood before the question's step (step 9): no question table, only
    // room_meta.question_id.
    await runInDurableObject(stub, (_instance, state) => {
      state.storage.sql.exec('DROP TABLE room_question');
      state.storage.sql.exec('UPDATE schema_version SET version = ?', QUESTION_STEP - 1);
    });
    await abortAllDurableObjects();
    const { question } = await getQuestion(room.roomId, room.tokens.interviewer);
    expect(question).toMatchObject({
      from: 'valid-parentheses',
      title: questionFor('valid-parentheses')?.question.title,
    });
  });

  it('[RQ3] each socket is told its role’s view on connect; a room without a question says null', async () => {
    const room = await roomWithSecret();
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const observer = await Peer.connect(room.roomId, room.tokens.observer);
    await until(() => candidate.room.find('question') && observer.room.find('question'), 'the question messages');
    expect(candidate.room.view.question).toMatchObject({ title: 'Echo', hiddenCases: 1 });
    expect(candidate.room.view.question?.cases.map((c) => c.name)).toEqual(['hello']);
    expect(observer.room.view.question?.cases.map((c) => c.name)).toEqual(['hello', HIDDEN.name]);
    const http = await getQuestion(room.roomId, room.tokens.candidate);
    expect(http.question).toEqual(candidate.room.view.question);
    expect(leaks(JSON.stringify(http))).toBe(false);

    const plain = await createRoom();
    const peer = await Peer.connect(plain.roomId, plain.tokens.candidate);
    await until(() => peer.room.find('question'), 'the question message');
    expect(peer.room.view.question).toBeNull();
    expect((await getQuestion(plain.roomId, plain.tokens.candidate)).question).toBeNull();
    for (const p of [candidate, observer, peer]) p.close();
  });

  it('[RQ3] every change reaches every socket as its role’s view; the candidate’s frames never carry a hidden case', async () => {
    const room = await roomWithSecret();
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const frames: string[] = [];
    candidate.ws.addEventListener('message', (e) => {
      if (typeof e.data === 'string') frames.push(e.data);
    });
    const hiddenId = interviewer.room.view.question?.cases.find((c) => c.hidden)?.id;
    expect(hiddenId).toBeDefined();
    // Over the socket: the statement as typed, then a case edit, then a hidden case added.
    interviewer.ws.send(JSON.stringify({ type: 'question.change', change: { op: 'edit', statement: 'typed live' } }));
    await until(() => candidate.room.view.question?.statement === 'typed live', 'the candidate to see the edit');
    interviewer.ws.send(
      JSON.stringify({
        type: 'question.change',
        change: { op: 'editCase', id: hiddenId, case: { expected: 'SECRET-OUT-2c9 v2\n' } },
      }),
    );
    const more = {
      name: 'SECRET-NAME-5d1 b',
      stdin: 'SECRET-STDIN-8aa b',
      expected: 'x',
      hidden: true,
      compare: 'exact',
    };
    expect((await putQuestion(room.roomId, room.tokens.interviewer, { op: 'addCase', case: more })).status).toBe(200);
    await until(() => candidate.room.view.question?.hiddenCases === 2, 'the candidate to count two hidden cases');
    await until(() => interviewer.room.view.question?.cases.length === 3, 'the interviewer to see all three');
    expect(interviewer.room.view.question?.cases.find((c) => c.id === hiddenId)?.expected).toBe('SECRET-OUT-2c9 v2\n');
    expect(frames.length).toBeGreaterThan(2);
    expect(leaks(frames.join('\n'))).toBe(false);
    expect(frames.join('\n')).not.toContain(hiddenId);
    interviewer.close();
    candidate.close();
  });

  it('[RQ4] only the interviewer changes the question: candidate and observer are refused in words, over HTTP and the socket', async () => {
    const room = await roomWithSecret();
    for (const role of ['candidate', 'observer'] as const) {
      const res = await putQuestion(room.roomId, room.tokens[role], { op: 'edit', statement: 'hijacked' });
      expect(res.status).toBe(403);
      expect(res.error?.message).toBe(
        `You joined as ${role}. Only the interviewer can change the room's question and its test cases.`,
      );
      const peer = await Peer.connect(room.roomId, room.tokens[role]);
      peer.ws.send(JSON.stringify({ type: 'question.change', change: { op: 'swap', questionId: 'two-sum' } }));
      await until(() => peer.errors().includes('forbidden'), 'the refusal');
      peer.close();
    }
    const { question } = await getQuestion(room.roomId, room.tokens.interviewer);
    expect(question).toMatchObject({ statement: '# Echo\nPrint the input.', from: null });
    const bad = await putQuestion(room.roomId, room.tokens.interviewer, '{"op":');
    expect(bad.status).toBe(400);
  });

  it('[RQ4] an ended room’s question cannot change', async () => {
    const room = await roomWithSecret();
    await api(`/api/rooms/${room.roomId}/end`, { method: 'POST', token: room.tokens.interviewer });
    const res = await putQuestion(room.roomId, room.tokens.interviewer, { op: 'edit', title: 'Later' });
    expect(res.status).toBe(409);
    expect(res.error?.code).toBe('room_ended');
    expect((await getQuestion(room.roomId, room.tokens.interviewer)).question?.title).toBe('Echo');
  });

  it('[RQ5] limits over HTTP: a field past its limit is refused naming it, and nothing changes', async () => {
    const room = await roomWithSecret();
    const long = await putQuestion(room.roomId, room.tokens.interviewer, {
      op: 'edit',
      statement: 'x'.repeat(MAX_QUESTION_STATEMENT_BYTES + 1),
    });
    expect(long.status).toBe(400);
    expect(long.error?.message).toMatch(/^statement: must be at most 65536 bytes/);
    const fits = await putQuestion(room.roomId, room.tokens.interviewer, {
      op: 'edit',
      statement: 'x'.repeat(MAX_QUESTION_STATEMENT_BYTES),
    });
    expect(fits.status).toBe(200);
    const badCase = await putQuestion(room.roomId, room.tokens.interviewer, {
      op: 'addCase',
      case: { name: '', stdin: '', expected: '', hidden: 'yes', compare: 'exact' },
    });
    expect(badCase.status).toBe(400);
    expect(badCase.error?.message).toMatch(/case\.name: must name the case/);
    expect(badCase.error?.message).toMatch(/case\.hidden: must be true/);
    expect((await getQuestion(room.roomId, room.tokens.interviewer)).question?.cases).toHaveLength(2);
  });

  it('[RQ5] hostile changes over the socket (unknown fields, a case posing as hidden through __proto__, bad ids) are refused in words', async () => {
    const room = await roomWithSecret();
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
    const send = (change: string) => interviewer.ws.send(`{"type":"question.change","change":${change}}`);
    send(
      '{"op":"addCase","case":{"name":"x","stdin":"","expected":"","hidden":false,"compare":"exact","secretField":1}}',
    );
    send('{"op":"edit","statement":"s","__proto__":{"from":"two-sum"}}');
    send('{"op":"deleteCase","id":"../../etc"}');
    send('{"op":"editCase","id":"aaaaaaaaaaaa","case":{"hidden":false}}');
    await until(() => interviewer.errors().length >= 4, 'four refusals');
    const messages = interviewer.messages.flatMap((m) => (m.type === 'error' ? [m.message] : []));
    // Frames of one burst may reach the object in any order: each refusal is looked for, not its place.
    const said = (pattern: RegExp) => messages.some((m) => pattern.test(m));
    expect(messages, messages.join(' | ')).toHaveLength(4);
    expect(said(/change\.case: Unrecognized key: "secretField"/)).toBe(true);
    expect(said(/Unrecognized key: "__proto__"/)).toBe(true);
    expect(said(/change\.id: must be the id of one of the question’s cases/)).toBe(true);
    expect(said(/^id: no case with this id/)).toBe(true);
    const { question } = await getQuestion(room.roomId, room.tokens.interviewer);
    expect(question?.cases).toHaveLength(2);
    expect(question?.from).toBeNull();
    interviewer.close();
  });

  it('[RQ6] a swap replaces the statement and cases, adds the starter as the new entry file, and keeps the code written', async () => {
    const room = await createRoom({ questionId: 'two-sum', language: 'python' });
    const interviewer = await Peer.connect(room.roomId, room.tokens.interviewer);
    const candidate = await Peer.connect(room.roomId, room.tokens.candidate);
    const written = 'def two_sum(nums, target):\n    return [0, 1]\n';
    candidate.edit('main.py', 0, written);
    await until(() => interviewer.text('main.py').startsWith(written), 'the interviewer to see the code');
    const before = readFiles(interviewer.doc);

    const swapped = await putQuestion(room.roomId, room.tokens.interviewer, {
      op: 'swap',
      questionId: 'merge-intervals',
    });
    expect(swapped.status).toBe(200);
    const bank = questionFor('merge-intervals');
    if (!bank) throw new Error('merge-intervals is in the bank');
    expect(swapped.question).toMatchObject({
      from: 'merge-intervals',
      title: bank.question.title,
      statement: bank.statement,
    });
    expect(swapped.question?.cases).toHaveLength(bank.question.tests.length);

    const starter = starterFor(bank, 'python');
    const files = await (await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.candidate })).json();
    expect(files).toEqual({
      files: [...before, { path: `merge-intervals/${starter.path}`, content: starter.content }].sort((a, b) =>
        a.path.localeCompare(b.path),
      ),
      entry: `merge-intervals/${starter.path}`,
    });
    // The candidate sees the new file arrive live, and the question change with it.
    await until(() => candidate.text(`merge-intervals/${starter.path}`) === starter.content, 'the starter to arrive');
    await until(() => candidate.room.view.question?.from === 'merge-intervals', 'the candidate to see the swap');
    expect(candidate.text('main.py')).toContain(written);
    // Swapping to it again never overwrites: the next starter gets its own folder.
    await putQuestion(room.roomId, room.tokens.interviewer, { op: 'swap', questionId: 'merge-intervals' });
    await until(() => candidate.text(`merge-intervals-2/${starter.path}`) === starter.content, 'a second folder');
    const unknown = await putQuestion(room.roomId, room.tokens.interviewer, { op: 'swap', questionId: 'no-such' });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.message).toMatch(/^questionId: no question/);
    interviewer.close();
    candidate.close();
  });

  it('[RQ7] the question and its edits survive a restart of the object', async () => {
    const room = await roomWithSecret();
    await putQuestion(room.roomId, room.tokens.interviewer, { op: 'edit', title: 'Echo, edited', difficulty: 'hard' });
    const before = (await getQuestion(room.roomId, room.tokens.interviewer)).question;
    await abortAllDurableObjects();
    const after = (await getQuestion(room.roomId, room.tokens.interviewer)).question;
    expect(after).toEqual(before);
    expect(after).toMatchObject({ title: 'Echo, edited', difficulty: 'hard' });
  });

  it('[RQ8] the room reads its cases for a test run in run order, hidden ones included', async () => {
    const room = await createRoom({ questionId: 'two-sum' });
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    const cases = await runInDurableObject(stub, (_instance, state) => new QuestionStore(state.storage.sql).cases());
    const tests = questionFor('two-sum')?.question.tests ?? [];
    expect(cases.map((c) => c.name)).toEqual([
      ...tests.filter((c) => !c.hidden).map((c) => c.name),
      ...tests.filter((c) => c.hidden).map((c) => c.name),
    ]);
  });
});
