/**
 * The proof that hidden tests stay hidden (TR7), against the real stack: wrangler dev,
 * the executor and Docker. A candidate joins on a stock Yjs provider whose sockets
 * record every frame, and every HTTP answer to the candidate's token is recorded too.
 * The candidate's program tries to leak: it echoes every input it has been given so
 * far (kept in /tmp across the cases of the one sandbox) to stderr. The candidate and
 * the interviewer each run the tests; then everything the candidate received is
 * searched for each hidden case's input, expected output and name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenSecrets } from '../testing/hiddenCases';
import { LEAKY_TWO_SUM } from '../testing/leakyTwoSum';
import type { QuestionView } from '../worker/src/room/question/schema';
import { isClosed, type Run } from '../worker/src/runs/run';
import { roomTestCases } from '../worker/src/tests/cases';
import { Participant } from './support/participant';
import { Recorder } from './support/recorder';
import { type Stack, startStack } from './support/stack';
import { createRoom, until, type Worker } from './support/worker';

const QUESTION = 'two-sum';

let stack: Stack;
let worker: Worker;

beforeAll(async () => {
  stack = await startStack();
  worker = stack.worker;
}, 120_000);
afterAll(async () => {
  await stack?.dispose();
}, 60_000);

const closedRun = (view: { runById(id: string): Run | undefined }, runId: string) =>
  until(
    () => {
      const run = view.runById(runId);
      return run && isClosed(run) ? run : undefined;
    },
    `test run ${runId} to end`,
    60_000,
  );

describe('a candidate never receives a hidden test', () => {
  it('[TR7][TR4] every frame and HTTP answer a candidate gets through two test runs holds no hidden input, expected output or name', async () => {
    const secrets = hiddenSecrets(QUESTION);
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(LEAKY_TWO_SUM).not.toContain(secret);
    const room = await createRoom(worker, { questionId: QUESTION, language: 'python' });
    // The room's cases as the interviewer reads its question (the candidate is never asked).
    const read = await fetch(`${worker.url}/api/rooms/${room.roomId}/question`, {
      headers: { authorization: `Bearer ${room.tokens.interviewer}` },
    });
    const cases = roomTestCases(((await read.json()) as { question: QuestionView }).question.cases);
    const candidate = new Recorder(worker, room, 'candidate', 'Cara');
    const interviewer = new Participant(worker, room, 'interviewer', 'Ian');
    await Promise.all([candidate.synced(), interviewer.synced()]);
    candidate.replace('main.py', LEAKY_TWO_SUM);
    await until(() => interviewer.file().toString() === LEAKY_TWO_SUM, 'the solution to reach the interviewer');

    // The candidate runs the tests over HTTP, the interviewer over the socket.
    const started = await candidate.api(`/api/rooms/${room.roomId}/tests`, { method: 'POST', body: '{}' });
    expect(started.status).toBe(202);
    const byCandidate = (JSON.parse(started.body) as { runId: string }).runId;
    await closedRun(candidate.room, byCandidate);
    interviewer.provider.ws?.send(JSON.stringify({ type: 'tests' }));
    const queued = await until(
      () => interviewer.find('run.queued', (m) => m.run.runId !== byCandidate),
      'the interviewer’s test run',
    );
    const byInterviewer = queued.run.runId;

    for (const runId of [byCandidate, byInterviewer]) {
      const full = await closedRun(interviewer, runId);
      const seen = await closedRun(candidate.room, runId);
      // Every case judged, and the answer is right: everyone sees cases/cases.
      expect(full).toMatchObject({ kind: 'tests', state: 'finished' });
      expect(full.tests?.outcomes.map((o) => [o.id, o.verdict])).toEqual(cases.map((c) => [c.id, 'passed']));
      expect(seen.tests?.outcomes.map((o) => [o.id, o.verdict])).toEqual(cases.map((c) => [c.id, 'passed']));
      await candidate.api(`/api/runs/${runId}`);
      await candidate.api(`/api/rooms/${room.roomId}/runs/${runId}`);
      await candidate.api(`/api/runs/${runId}/analysis`);
    }
    // Visible cases ran first: what they echoed holds visible input only, so the
    // candidate is shown its own leak attempt, harmlessly.
    const visibleStderr = (await closedRun(candidate.room, byCandidate)).tests?.outcomes
      .flatMap((o) => ('stderr' in o && !o.hidden ? [o.stderr] : []))
      .join('');
    expect(visibleStderr).toContain(cases[0]?.stdin.trim().split('\n')[1]);
    for (const path of [`/api/rooms/${room.roomId}`, `/api/rooms/${room.roomId}/files`, `/api/questions/${QUESTION}`]) {
      await candidate.api(path);
    }
    await candidate.api(`/api/rooms/${room.roomId}/history`);

    const received = candidate.everything();
    expect(candidate.frames.some((f) => typeof f !== 'string')).toBe(true);
    expect(candidate.frames.some((f) => typeof f === 'string')).toBe(true);
    for (const secret of secrets) expect(received, `the candidate received "${secret}"`).not.toContain(secret);

    // The same search finds every secret in what the interviewer was sent: it works.
    const reviewed = JSON.stringify(interviewer.messages);
    for (const secret of secrets) expect(reviewed, `the interviewer lacks "${secret}"`).toContain(secret);
    candidate.destroy();
    interviewer.destroy();
  });
});
