/**
 * Test runs through the pure machine and the shared fold: the one job they post, the
 * refusals they share with plain runs, per-case outcomes, and what each role is sent.
 */
import { MAX_TEST_CASES, MAX_TEST_OUTPUT_BYTES, MAX_TEST_RUN_MS } from '@codesync/executor/limits';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/auth/roles';
import { MAX_TEST_RUN_CASE_BYTES, TEST_STORED_OUTPUT_BYTES } from '../../../src/limits';
import { questionFromBank } from '../../../src/room/question/fromBank';
import { applyRunEvent } from '../../../src/runs/applyRunEvent';
import type { RunMessage } from '../../../src/runs/events';
import { runFor, runMessageFor, runMessageViews } from '../../../src/runs/roleView';
import type { Run } from '../../../src/runs/run';
import { roomTestCases } from '../../../src/tests/cases';
import { type TestCase, tally } from '../../../src/tests/schema';
import { result, T0 } from '../runs/support';
import { CASES, judged, SECRETS, startTests } from './support';

describe('the cases of a room', () => {
  it("[TR3] are the room question's cases, visible first whatever order they were written in, each under the question's own id", () => {
    let n = 0;
    const question = questionFromBank('valid-parentheses', () => `q${++n}`);
    if (!question) throw new Error('no such question');
    // Written with the hidden cases first: the run still puts every visible case before them.
    const written = [...question.cases].sort((x, y) => Number(y.hidden) - Number(x.hidden));
    expect(written[0]?.hidden).toBe(true);
    const cases = roomTestCases(written);
    expect(cases.length).toBe(question.cases.length);
    const firstHidden = cases.findIndex((c) => c.hidden);
    expect(firstHidden).toBeGreaterThan(0);
    expect(cases.slice(firstHidden).every((c) => c.hidden)).toBe(true);
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(question.cases.map((c) => c.id)));
    for (const c of cases) expect(c.id).not.toContain(c.name);
    // No question, or a design question: nothing to test.
    expect(roomTestCases([])).toEqual([]);
    expect(questionFromBank('lru-cache')?.cases).toEqual([]);
  });
});

describe('starting a test run', () => {
  it('[TR4] posts ONE job with every case, visible first, each with only its id, input, expected output, comparison and time limit', () => {
    const d = startTests();
    expect(d.effects.map((e) => e.kind)).toEqual(['persist', 'broadcast', 'post']);
    const posts = d.effects.filter((e) => e.kind === 'post');
    expect(posts).toHaveLength(1);
    const job = posts[0]?.kind === 'post' ? posts[0].job : null;
    expect(job).not.toHaveProperty('stdin');
    expect(job?.tests).toEqual([
      { id: 'case-1', stdin: 'visible-in-1\n', expected: 'visible-out-1\n', compare: 'trimmed' },
      { id: 'case-2', stdin: 'visible-in-2\n', expected: 'visible-out-2\n', compare: 'exact', timeMs: 2000 },
      { id: 'case-3', stdin: 'SECRET-IN-3\n', expected: 'SECRET-OUT-3\n', compare: 'trimmed' },
      { id: 'case-4', stdin: 'SECRET-IN-4\n', expected: 'SECRET-OUT-4\n', compare: 'trimmed', timeMs: 3000 },
    ]);
    // The executor is told nothing it does not need: no names, nothing about hidden.
    expect(JSON.stringify(job)).not.toContain('SECRET-NAME');
    expect(d.run).toMatchObject({ kind: 'tests', state: 'queued', stdin: '', tests: { cases: CASES, outcomes: [] } });
  });

  it('[TR2] a room with no cases is refused in words and stores nothing; the plain-run limits hold for test runs', () => {
    const none = startTests([]);
    expect(none.record).toBeNull();
    expect(none.effects).toEqual([
      {
        kind: 'refuse',
        refusal: expect.objectContaining({ code: 'no_tests', message: expect.stringMatching(/no test cases/) }),
      },
    ]);
    expect(startTests(CASES, { openRuns: 1 }).effects[0]).toMatchObject({ refusal: { code: 'run_in_progress' } });
    expect(startTests(CASES, { startsInLastMinute: 1_000 }).effects[0]).toMatchObject({
      refusal: { code: 'rate_limited' },
    });
    expect(startTests(CASES, { roomActive: false }).effects[0]).toMatchObject({ refusal: { code: 'room_ended' } });
  });

  it('[TR2] cases past the executor’s count or MAX_TEST_RUN_CASE_BYTES together are refused tests_too_large, naming the numbers', () => {
    const many = Array.from(
      { length: MAX_TEST_CASES + 1 },
      (_, i) => ({ ...CASES[0], id: `case-${i + 1}` }) as TestCase,
    );
    const tooMany = startTests(many);
    expect(tooMany.record).toBeNull();
    expect(tooMany.effects[0]).toMatchObject({
      refusal: { code: 'tests_too_large', message: expect.stringContaining(`at most ${MAX_TEST_CASES}`) },
    });
    const big = 'x'.repeat(MAX_TEST_RUN_CASE_BYTES / 2);
    const tooBig = startTests([{ ...(CASES[0] as TestCase), stdin: big, expected: big }]);
    expect(tooBig.record).toBeNull();
    expect(tooBig.effects[0]).toMatchObject({
      refusal: { code: 'tests_too_large', message: expect.stringContaining(`at most ${MAX_TEST_RUN_CASE_BYTES}`) },
    });
    expect(startTests(many.slice(0, MAX_TEST_CASES)).record).not.toBeNull();
  });

  it('[TR2] cases whose time limits together pass the executor’s MAX_TEST_RUN_MS are refused tests_too_large, not posted to be refused', () => {
    // 31 cases of 10 s each: every one is within its own bound, together past 300 s.
    const slow = Array.from(
      { length: Math.floor(MAX_TEST_RUN_MS / 10_000) + 1 },
      (_, i) => ({ ...CASES[0], id: `case-${i + 1}`, timeLimitMs: 10_000 }) as TestCase,
    );
    const refused = startTests(slow);
    expect(refused.record).toBeNull();
    expect(refused.effects[0]).toMatchObject({
      refusal: { code: 'tests_too_large', message: expect.stringContaining(`at most ${MAX_TEST_RUN_MS}`) },
    });
    expect(startTests(slow.slice(1)).record).not.toBeNull();
  });
});

/** A test run accepted by the executor, with `test` events for the first `n` cases. */
function judgedRun(n: number) {
  const d = startTests();
  d.input({ kind: 'posted', now: T0 + 5, outcome: { kind: 'accepted', jobId: 'job-1' } });
  d.event(0, { type: 'started' });
  CASES.slice(0, n).forEach((c, i) => {
    d.event(i + 1, { type: 'test', test: judged(c.id, i === 1 ? { verdict: 'wrong_answer' } : {}) });
  });
  return d;
}

describe('outcomes', () => {
  it('[TR5] each case is folded as its event arrives and broadcast, so passed/total grows live', () => {
    const d = judgedRun(3);
    expect(d.broadcasts()).toEqual(['queued', 'started', 'test', 'test', 'test']);
    const run = d.folded() as Run;
    expect(run).toEqual(d.run); // the browsers' fold and the room's agree (RUN13)
    expect(run.tests && tally(run.tests)).toEqual({ passed: 2, judged: 3, total: 4 });
    expect(run.tests?.outcomes.map((o) => [o.id, o.hidden, o.verdict])).toEqual([
      ['case-1', false, 'passed'],
      ['case-2', false, 'wrong_answer'],
      ['case-3', true, 'passed'],
    ]);
  });

  it('[TR5] a test run keeps only compile output; a case’s output is cut at TEST_STORED_OUTPUT_BYTES; unknown cases change nothing', () => {
    const d = judgedRun(0);
    d.event(1, { type: 'output', stream: 'stdout', data: 'SECRET-STDOUT loose\n' });
    d.event(2, { type: 'output', stream: 'compile', data: 'warning: x\n' });
    d.event(3, { type: 'test', test: judged('case-9') });
    const big = 'y'.repeat(MAX_TEST_OUTPUT_BYTES);
    d.event(4, { type: 'test', test: judged('case-1', { stdout: big }) });
    const run = d.run;
    expect(run.state === 'running' && run.output).toEqual([{ stream: 'compile', data: 'warning: x\n' }]);
    const outcome = run.tests?.outcomes[0];
    expect(run.tests?.outcomes).toHaveLength(1);
    expect(outcome && 'stdout' in outcome && outcome.stdout.length).toBe(TEST_STORED_OUTPUT_BYTES);
    expect(outcome && 'truncated' in outcome && outcome.truncated).toBe(true);
    expect(JSON.stringify(d.effects)).not.toContain('SECRET-STDOUT loose');
  });

  it('[TR5] a finished whose result judged cases whose events were lost brings their outcomes', () => {
    const d = judgedRun(1);
    d.event(2, {
      type: 'finished',
      result: result({ tests: CASES.map((c) => judged(c.id)) }),
    });
    const run = d.folded() as Run;
    expect(run.state).toBe('finished');
    expect(run.tests?.outcomes.map((o) => o.id)).toEqual(['case-1', 'case-2', 'case-3', 'case-4']);
    expect(run).toEqual(d.run);
  });
});

describe('what each role is sent', () => {
  const candidateView = (message: RunMessage) => runMessageFor(message, 'candidate');

  it('[TR6] a candidate gets visible cases in full and, of a hidden case, only its place, hidden, verdict and time', () => {
    const d = judgedRun(4);
    d.event(5, { type: 'finished', result: result({ tests: CASES.map((c) => judged(c.id)) }) });
    const messages = d.effects.flatMap((e) => (e.kind === 'broadcast' ? [e.message] : []));
    const sent = JSON.stringify(messages.map(candidateView));
    for (const secret of SECRETS) expect(sent).not.toContain(secret);
    for (const shown of ['sample one', 'visible-in-1', 'visible-out-2', 'out of case-1']) expect(sent).toContain(shown);

    const run = runFor(d.run, 'candidate');
    expect(run.tests?.cases[2]).toEqual({ id: 'case-3', hidden: true, redacted: true });
    expect(run.tests?.outcomes[3]).toEqual({
      id: 'case-4',
      hidden: true,
      verdict: 'passed',
      timeMs: 12,
      redacted: true,
    });
    expect(run.tests?.cases[0]).toEqual(CASES[0]);
    // The candidate's browser folds its own view and gets the same cut-down run.
    let folded: Run | null = null;
    for (const m of messages.map(candidateView)) {
      if (m.type === 'run.queued') folded = m.run;
      else if (m.type === 'run.event' && folded) folded = applyRunEvent(folded, m.event);
    }
    expect(folded).toEqual(run);
    expect(JSON.stringify(runMessageFor({ type: 'runs', runs: [d.run] }, 'candidate'))).not.toMatch(/SECRET/);
  });

  it('[TR6] outcomes a finished brings (their events were lost) reach a candidate cut down too', () => {
    const d = judgedRun(2);
    d.event(3, { type: 'finished', result: result({ tests: CASES.map((c) => judged(c.id)) }) });
    const finished = d.effects.findLast((e) => e.kind === 'broadcast');
    const message = finished?.kind === 'broadcast' ? finished.message : null;
    if (message?.type !== 'run.event' || message.event.type !== 'finished') throw new Error('no finished');
    expect(message.event.tests).toHaveLength(4);
    expect(JSON.stringify(message)).toContain('SECRET-STDOUT');
    const sent = JSON.stringify(candidateView(message));
    for (const secret of SECRETS) expect(sent).not.toContain(secret);
    expect(sent).toContain('out of case-2');
  });

  it('[TR6] the interviewer and observers get everything; each role gets exactly one view of every message', () => {
    const d = judgedRun(4);
    for (const role of ['interviewer', 'observer'] as const) expect(runFor(d.run, role)).toEqual(d.run);
    const [queued] = d.effects.flatMap((e) => (e.kind === 'broadcast' ? [e.message] : []));
    const views = runMessageViews(queued as RunMessage);
    for (const role of ROLES) {
      const to = views.filter((v) => v.audience.to === 'roles' && v.audience.roles.includes(role));
      expect(to).toHaveLength(1);
      expect(JSON.stringify(to[0]?.message).includes('SECRET-IN-3')).toBe(role !== 'candidate');
    }
  });
});
