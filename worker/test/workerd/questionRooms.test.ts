/**
 * A room made from a bank question (issue 11): `POST /api/rooms {questionId, language}`
 * starts with the question's starter for that language and its first example as the
 * shared stdin, and records which question it is. Nothing hidden enters the shared doc.
 */
import { describe, expect, it } from 'vitest';
import { allQuestions, questionFor } from '../../src/questions/bank';
import { starterFor } from '../../src/questions/views';
import { readStdin } from '../../src/room/doc';
import { api, createRoom, Peer, until } from './support';

describe('rooms from the question bank', () => {
  it('[Q10] a room made from a question holds its starter in the chosen language and its first example as stdin', async () => {
    const room = await createRoom({ questionId: 'two-sum', language: 'go' });
    const question = questionFor('two-sum');
    if (!question) throw new Error('two-sum is in the bank');
    const files = (await (await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.candidate })).json()) as {
      files: { path: string; content: string }[];
      entry: string;
    };
    expect(files.files).toEqual([starterFor(question, 'go')]);
    expect(files.entry).toBe('main.go');

    const details = (await (await api(`/api/rooms/${room.roomId}`, { token: room.tokens.candidate })).json()) as {
      title: string;
      questionId: string | null;
    };
    expect(details).toMatchObject({ title: question.question.title, questionId: 'two-sum' });

    const peer = await Peer.connect(room.roomId, room.tokens.candidate);
    await until(() => peer.synced, 'the candidate synced');
    const example = question.question.tests.find((c) => !c.hidden);
    expect(example).toBeDefined();
    expect(readStdin(peer.doc)).toBe(example?.stdin);
    // Everything the candidate's socket holds carries no hidden case.
    const everything = JSON.stringify(peer.doc.toJSON());
    for (const hidden of question.question.tests.filter((c) => c.hidden)) {
      expect(everything.includes(hidden.stdin.trim())).toBe(false);
    }
    peer.close();
  });

  it('[Q10] a room without a question is as before; an unknown question is refused naming the field', async () => {
    const plain = await createRoom({});
    const details = (await (await api(`/api/rooms/${plain.roomId}`, { token: plain.tokens.candidate })).json()) as {
      questionId: string | null;
    };
    expect(details.questionId).toBeNull();

    const res = await api('/api/rooms', { method: 'POST', body: JSON.stringify({ questionId: 'no-such-question' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^questionId: no question/);
    expect(allQuestions().length).toBeGreaterThan(0);
  });
});
