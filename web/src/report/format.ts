/**
 * Words and times for the report, shared by its page and its Markdown so both say the
 * same thing. Times are UTC: a printed or downloaded report reads the same wherever it
 * is opened.
 */
import type { ReportCaseResult, ReportRun } from '@codesync/worker/report';

/** `2026-12-02 05:12:03 UTC` */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `1 h 02 min`, `42 min 03 s`, `7 s` */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(s % 60)} s`;
  return `${s} s`;
}

const VERDICT_WORDS: Record<NonNullable<ReportRun['verdict']>, string> = {
  ok: 'OK',
  compile_error: 'Compile error',
  runtime_error: 'Runtime error',
  time_limit: 'Time limit',
  memory_limit: 'Memory limit',
  output_limit: 'Output limit',
  internal_error: 'Internal error',
};

const CASE_WORDS: Record<ReportCaseResult['verdict'], string> = {
  passed: 'Passed',
  wrong_answer: 'Wrong answer',
  time_limit: 'Time limit',
  memory_limit: 'Memory limit',
  output_limit: 'Output limit',
  runtime_error: 'Runtime error',
  compile_error: 'Compile error',
  skipped: 'Skipped',
  internal_error: 'Internal error',
};

/** How a run ended, in words: its verdict, why it failed, or where it is. */
export function runOutcome(run: ReportRun): string {
  switch (run.state) {
    case 'queued':
      return 'Queued (never started)';
    case 'running':
      return 'Running';
    case 'finished': {
      const verdict = run.verdict ? VERDICT_WORDS[run.verdict] : 'Finished';
      if (!run.tests) return verdict;
      const passed = run.tests.filter((t) => t.verdict === 'passed').length;
      return `${passed}/${run.tests.length} passed`;
    }
    case 'failed':
      return `Failed: ${run.message ?? run.error ?? 'no verdict'}`;
    default: {
      const unreachable: never = run.state;
      return unreachable;
    }
  }
}

export function caseOutcome(result: ReportCaseResult): string {
  return CASE_WORDS[result.verdict];
}

/** Time, memory and exit code of a finished run, as far as known. */
export function runFigures(run: ReportRun): string {
  const parts = [
    run.timeMs === null ? null : `${run.timeMs} ms`,
    run.memoryKb === null ? null : `${Math.round(run.memoryKb / 1024)} MB`,
    run.exitCode === null ? null : `exit ${run.exitCode}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** A run's output as the console showed it: its streams in the order they came. */
export function outputText(run: ReportRun): string {
  return run.output.map((o) => o.data).join('');
}

/** Where a join ended: its time, "here now", or unknown (the room restarted without seeing it). */
export function leftText(join: { leftAt: number | null; online: boolean }): string {
  if (join.leftAt !== null) return formatTime(join.leftAt);
  return join.online ? 'still here' : 'connection lost (time unknown)';
}

export const RECOMMENDATION_WORDS = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
} as const;

/** Characters of the room's title a download's file name keeps. */
const FILE_NAME_TITLE_CHARS = 60;

/** A download's file name from the room's title: letters, digits and dashes. */
export function reportFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, FILE_NAME_TITLE_CHARS);
  return `${slug || 'interview'}-report.md`;
}

/** How much of a test case's input or expected output the page shows; the Markdown download has it all. */
export const CASE_PREVIEW_CHARS = 2_000;

/** A long text's start, and what was left out, in words (null when it is whole). */
export function preview(text: string, max = CASE_PREVIEW_CHARS): { shown: string; omitted: string | null } {
  if (text.length <= max) return { shown: text, omitted: null };
  const rest = text.length - max;
  return {
    shown: text.slice(0, max),
    omitted: `… ${rest.toLocaleString('en')} more characters (all of it is in the Markdown download)`,
  };
}
