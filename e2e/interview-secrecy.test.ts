/**
 * Issue 11's proof, across a whole interview on the real stack (wrangler dev, the
 * executor, Docker): no byte of the panel's notes or scorecard, of the integrity signals,
 * of the report, or of any hidden case (the bank's and one the interviewer adds during
 * the interview) ever reaches the candidate. The candidate joins on a stock Yjs provider
 * that records every frame of every connection, and every HTTP answer to its token is
 * recorded too; at the end all of it is searched for each secret. The same search finds
 * every secret in what the interviewer was given, so the search itself works.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { hiddenSecrets } from '../testing/hiddenCases';
import { LEAKY_TWO_SUM } from '../testing/leakyTwoSum';
import { addCriterion, definePanelTypes, readScorecard, recommend, summaryOf } from '../worker/src/panel/panelDoc';
import { isClosed } from '../worker/src/runs/run';
import { Participant } from './support/participant';
import { Recorder } from './support/recorder';
import { type Stack, startStack } from './support/stack';
import { createRoom, until } from './support/worker';

const QUESTION = 'two-sum';
const tag = (what: string) => `${what}-${randomBytes(6).toString('hex')}`;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.dispose();
}, 60_000);

describe('a whole interview, as the candidate receives it', () => {
  it('[Q11] no note, scorecard, signal, report or hidden case reaches the candidate; the interviewer has them all', async () => {
    const { worker } = stack;
    const note = tag('NOTE');
    const summary = tag('SUMMARY');
    const criterion = tag('CRITERION');
    const addedInput = tag('HIDDEN-INPUT');
    const addedExpected = tag('HIDDEN-EXPECTED');
    const addedName = tag('HIDDEN-NAME');
    const secrets = [...hiddenSecrets(QUESTION), note, summary, criterion, addedInput, addedExpected, addedName];

    const room = await createRoom(worker, { questionId: QUESTION, language: 'python', durationMinutes: 45 });
    const candidate = new Recorder(worker, room, 'candidate', 'Cara');
    const interviewer = new Participant(worker, room, 'interviewer', 'Ian');
    await Promise.all([candidate.synced(), interviewer.synced()]);
    const asInterviewer = (path: string, init: RequestInit = {}) =>
      fetch(`${worker.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${room.tokens.interviewer}`, 'content-type': 'application/json' },
      });

    // The panel: notes, a criterion, a recommendation and a summary, on the panel's own socket.
    const panelDoc = new Y.Doc();
    definePanelTypes(panelDoc);
    const panel = new YProvider(worker.url.replace('http://', ''), room.roomId, panelDoc, {
      prefix: `/api/rooms/${room.roomId}/panel`,
      params: { token: room.tokens.interviewer, name: 'Ian', events: '1' },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    await until(() => panel.synced, 'the panel to sync');
    panelDoc.getText('notes').insert(0, `Candidate hesitated on hashing. ${note}`);
    addCriterion(panelDoc, criterion);
    recommend(panelDoc, 'yes');
    summaryOf(panelDoc).insert(0, summary);

    // A hidden case the interviewer adds during the interview (the candidate may not see it).
    const added = await asInterviewer(`/api/rooms/${room.roomId}/question`, {
      method: 'PUT',
      body: JSON.stringify({
        op: 'addCase',
        case: {
          name: addedName,
          stdin: `${addedInput}\n`,
          expected: `${addedExpected}\n`,
          hidden: true,
          compare: 'exact',
        },
      }),
    });
    expect(added.status).toBe(200);

    // The candidate writes a (leaky) answer, pastes, leaves the tab and comes back.
    candidate.replace('main.py', LEAKY_TWO_SUM);
    await until(() => interviewer.file().toString() === LEAKY_TWO_SUM, 'the answer to reach the interviewer');
    for (const signal of [
      { kind: 'paste', chars: 480, file: 'main.py' },
      { kind: 'focus', state: 'left' },
      { kind: 'focus', state: 'returned' },
    ]) {
      const res = await candidate.api(`/api/rooms/${room.roomId}/signals`, {
        method: 'POST',
        body: JSON.stringify(signal),
      });
      expect(res.status).toBe(204);
    }

    // Both run the tests; the candidate's run over HTTP, the interviewer's over the socket.
    const started = await candidate.api(`/api/rooms/${room.roomId}/tests`, { method: 'POST', body: '{}' });
    expect(started.status).toBe(202);
    const byCandidate = (JSON.parse(started.body) as { runId: string }).runId;
    await until(
      () => {
        const run = candidate.room.runById(byCandidate);
        return run && isClosed(run);
      },
      'the candidate’s test run to end',
      90_000,
    );
    interviewer.provider.ws?.send(JSON.stringify({ type: 'tests' }));
    const second = await until(
      () => interviewer.runs().find((r) => r.kind === 'tests' && r.runId !== byCandidate && isClosed(r)),
      'the interviewer’s test run to end',
      90_000,
    );
    await until(() => {
      const run = candidate.room.runById(second.runId);
      return run && isClosed(run);
    }, 'the candidate to see it end');

    // Everything a candidate's token may ask for, and what it may not.
    for (const path of [
      `/api/rooms/${room.roomId}`,
      `/api/rooms/${room.roomId}/files`,
      `/api/rooms/${room.roomId}/question`,
      `/api/rooms/${room.roomId}/runs/${byCandidate}`,
      `/api/rooms/${room.roomId}/runs/${second.runId}`,
      `/api/rooms/${room.roomId}/history`,
      `/api/questions/${QUESTION}`,
    ]) {
      await candidate.api(path);
    }
    for (const path of [`/api/rooms/${room.roomId}/report`, `/api/rooms/${room.roomId}/panel`]) {
      expect((await candidate.api(path)).status).toBe(403);
    }

    // The interviewer ends the interview; the candidate's socket is told and closed.
    expect((await asInterviewer(`/api/rooms/${room.roomId}/end`, { method: 'POST' })).status).toBe(200);
    await until(() => candidate.room.view.room?.status === 'ended', 'the candidate to see the end');
    expect((await candidate.api(`/api/rooms/${room.roomId}/report`)).status).toBe(403);

    const received = candidate.everything();
    expect(candidate.frames.some((f) => typeof f !== 'string')).toBe(true);
    expect(candidate.frames.some((f) => typeof f === 'string')).toBe(true);
    for (const secret of secrets) expect(received, `the candidate received "${secret}"`).not.toContain(secret);
    // Signals are about the candidate but for the panel only: no frame or answer describes one.
    expect(received).not.toMatch(/"kind":"(paste|focus)"/);

    // The interviewer's report holds every one of them: the search would have found them.
    const report = await (await asInterviewer(`/api/rooms/${room.roomId}/report`)).text();
    for (const secret of [note, summary, criterion, addedInput, addedExpected, addedName]) {
      expect(report, `the report lacks "${secret}"`).toContain(secret);
    }
    for (const secret of hiddenSecrets(QUESTION)) expect(report).toContain(secret);
    expect(report).toContain('pasted 480 characters into main.py');
    expect(readScorecard(panelDoc).recommendation).toBe('yes');
    panel.destroy();
    candidate.destroy();
    interviewer.destroy();
  });
});
