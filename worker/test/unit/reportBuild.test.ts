/**
 * The report's builder (worker/src/report/build.ts) without workerd: how runs are
 * flattened and cut, and how the join log reads who is still here.
 */
import { describe, expect, it } from 'vitest';
import { REPORT_RUN_OUTPUT_BYTES } from '../../src/limits';
import { buildReport, clip, reportRunOf } from '../../src/report/build';
import { reportSchema } from '../../src/report/schema';
import type { FailedRun } from '../../src/runs/run';
import { queuedRun } from './runs/support';

describe('building the report', () => {
  it('[REP4] cuts output at the byte cap without splitting a character, and says it was cut', () => {
    expect(clip('héllo', 2)).toEqual({ text: 'h', cut: true, bytes: 1 });
    expect(clip('héllo', 3)).toEqual({ text: 'hé', cut: true, bytes: 3 });
    expect(clip('abc', 3)).toEqual({ text: 'abc', cut: false, bytes: 3 });
    const emoji = '😀'.repeat(REPORT_RUN_OUTPUT_BYTES); // 4 bytes each
    const failed: FailedRun = {
      ...queuedRun('run-1'),
      state: 'failed',
      startedAt: 5,
      finishedAt: 9,
      error: 'timed_out',
      message: 'No answer in time.',
      retryAfterS: null,
      output: [
        { stream: 'stdout', data: 'a'.repeat(REPORT_RUN_OUTPUT_BYTES - 2) },
        { stream: 'stderr', data: emoji },
        { stream: 'stdout', data: 'never shown' },
      ],
      truncated: false,
    };
    const run = reportRunOf(failed);
    expect(run.output).toEqual([
      { stream: 'stdout', data: 'a'.repeat(REPORT_RUN_OUTPUT_BYTES - 2) },
      { stream: 'stderr', data: '' },
    ]);
    expect(run).toMatchObject({
      state: 'failed',
      error: 'timed_out',
      message: 'No answer in time.',
      truncated: true,
      verdict: null,
      finishedAt: 9,
    });
  });

  it('[REP4] a queued run has no output and no end; a run without tests is a plain run', () => {
    expect(reportRunOf(queuedRun('q', 3))).toMatchObject({
      kind: 'run',
      state: 'queued',
      output: [],
      startedAt: null,
      finishedAt: null,
      tests: null,
      truncated: false,
    });
  });

  it('[REP5] reads a join whose socket is open as online, the others not, and matches its own schema', () => {
    const report = buildReport(
      {
        record: {
          roomId: 'r',
          title: 'T',
          language: 'python',
          status: 'active',
          createdAt: 1000,
          endedAt: null,
          questionId: null,
          endsAt: null,
        },
        files: [{ path: 'main.py', content: 'x' }],
        entry: 'main.py',
        runs: [],
        totalRuns: 0,
        question: null,
        joins: {
          entries: [
            { connId: 'a', name: 'Ian', role: 'interviewer', joinedAt: 1, leftAt: null },
            { connId: 'b', name: 'Cara', role: 'candidate', joinedAt: 2, leftAt: null },
          ],
          omitted: 0,
        },
        online: ['a'],
      },
      null,
      { notes: '', scorecard: null, signals: [] },
      61_000,
    );
    expect(report.joins.entries.map((e) => e.online)).toEqual([true, false]);
    expect(report.room.durationMs).toBe(60_000);
    expect(reportSchema.parse(report)).toEqual(report);
  });
});
