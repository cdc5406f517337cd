/**
 * The report as a Markdown document: a pure function of the report's JSON, so the
 * download is exactly what the server said. Nothing the interview typed can change the
 * document's structure: code and outputs go in fences longer than any run of backticks
 * inside them, text in a line (titles, names, table cells) has Markdown's punctuation
 * escaped and its line breaks folded, and free text (the statement, notes, summary) is
 * quoted, so a fence or an HTML block left open in it ends with its quote.
 *
 * @example
 * const text = reportMarkdown(report); // '# Report: Backend interview\n\n- Language: python …'
 */
import type { Report, ReportQuestion, ReportRun } from '@codesync/worker/report';
import {
  caseOutcome,
  formatDuration,
  formatTime,
  leftText,
  outputText,
  RECOMMENDATION_WORDS,
  runFigures,
  runOutcome,
} from './format';

/** A test case's output in its table row: enough to see what it printed; the page shows all of it. */
export const CASE_OUTPUT_CHARS = 200;

export function reportMarkdown(report: Report): string {
  const { room } = report;
  const blocks: string[] = [
    `# Report: ${inline(room.title)}`,
    list([
      `Language: ${inline(room.language)}`,
      `Status: ${room.status === 'ended' ? 'ended' : 'still going'}`,
      `Started: ${formatTime(room.createdAt)}`,
      `Ended: ${room.endedAt === null ? 'not yet' : formatTime(room.endedAt)}`,
      `Duration: ${formatDuration(room.durationMs)}`,
      `Report made: ${formatTime(report.generatedAt)}`,
    ]),
    ...questionBlocks(report.question),
    '## Final code',
    ...(report.files.length === 0 ? ['No files.'] : []),
    ...report.files.flatMap((file) => [
      `### ${inline(file.path)}${file.path === report.entry ? ' (entry)' : ''}`,
      fence(file.content, infoFor(file.path)),
    ]),
    `## Runs (${report.runs.shown.length === report.runs.total ? report.runs.total : `the last ${report.runs.shown.length} of ${report.runs.total}`})`,
    ...(report.runs.shown.length === 0 ? ['No runs.'] : []),
    ...report.runs.shown.flatMap((run, i) => runBlocks(run, i + 1)),
    '## Who joined',
    report.joins.entries.length === 0
      ? 'Nobody joined.'
      : table(
          ['Name', 'Role', 'Joined', 'Left'],
          report.joins.entries.map((j) => [j.name, j.role, formatTime(j.joinedAt), leftText(j)]),
        ),
    ...(report.joins.omitted > 0 ? [`${report.joins.omitted} later joins were counted but not kept.`] : []),
    '## Notes',
    report.panel.notes.trim() === '' ? 'No notes.' : quote(report.panel.notes),
    '## Scorecard',
    ...scorecardBlocks(report.panel.scorecard),
    '## Integrity signals',
    report.panel.signals.length === 0
      ? 'None recorded.'
      : table(
          ['Time', 'Who', 'What'],
          report.panel.signals.map((s) => [formatTime(s.at), s.by, s.detail]),
        ),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function questionBlocks(question: ReportQuestion | null): string[] {
  if (!question) return ['## Question', 'This room was not made from a question.'];
  return [
    `## Question: ${inline(question.title)}`,
    list([`Id: ${inline(question.slug)}`, ...(question.difficulty ? [`Difficulty: ${question.difficulty}`] : [])]),
    quote(question.statement),
    `### Test cases (${question.tests.length})`,
    ...question.tests.flatMap((c, i) => [
      `#### ${i + 1}. ${inline(c.name)} (${c.hidden ? 'hidden' : 'visible'})`,
      list([
        `Hidden: ${c.hidden ? 'yes' : 'no'}`,
        `Compared: ${c.compare}`,
        ...(c.timeLimitMs === null ? [] : [`Time limit: ${c.timeLimitMs} ms`]),
      ]),
      'Input:',
      fence(c.stdin, 'text'),
      'Expected output:',
      fence(c.expected, 'text'),
    ]),
  ];
}

function runBlocks(run: ReportRun, n: number): string[] {
  const what = run.kind === 'tests' ? 'Tests' : 'Run';
  const figures = runFigures(run);
  const blocks = [
    `### ${what} ${n}: ${inline(runOutcome(run))}`,
    list([
      `File: ${inline(run.path)} (${inline(run.language)})`,
      `By: ${inline(run.startedBy.name)} (${run.startedBy.role})`,
      `Asked: ${formatTime(run.createdAt)}`,
      ...(run.finishedAt === null ? [] : [`Ended: ${formatTime(run.finishedAt)}`]),
      ...(figures ? [`Figures: ${figures}`] : []),
      ...(run.truncated ? ['Output was cut at its limit.'] : []),
    ]),
  ];
  if (run.tests) {
    blocks.push(
      run.tests.length === 0
        ? 'No case results.'
        : table(
            ['Case', 'Verdict', 'Time', 'Output'],
            run.tests.map((t) => [
              t.hidden ? `${t.name} (hidden)` : t.name,
              caseOutcome(t),
              t.timeMs === null ? '' : `${t.timeMs} ms`,
              `${t.stdout}${t.stderr}`.slice(0, CASE_OUTPUT_CHARS),
            ]),
          ),
    );
    return blocks;
  }
  if (run.stdin !== '') blocks.push('Input:', fence(run.stdin, 'text'));
  const output = outputText(run);
  blocks.push('Output:', output === '' ? '(none)' : fence(output, 'text'));
  return blocks;
}

function scorecardBlocks(scorecard: Report['panel']['scorecard']): string[] {
  if (!scorecard) return ['No scorecard.'];
  return [
    table(
      ['Criterion', 'Rating (1–4)'],
      scorecard.ratings.map((r) => [r.criterion, r.rating === null ? 'not rated' : String(r.rating)]),
    ),
    `Recommendation: ${scorecard.recommendation ? RECOMMENDATION_WORDS[scorecard.recommendation] : 'none'}`,
    scorecard.summary.trim() === '' ? 'No summary.' : quote(scorecard.summary),
  ];
}

/**
 * Text inside a line (never at a line's start here): line breaks folded to spaces so it
 * cannot start a block, and backslash-escaped (CommonMark escapes any ASCII punctuation)
 * every character that opens something mid-line: escapes, code spans, emphasis, links
 * and images, HTML and autolinks, entities, table cells, strikethrough, headings.
 */
export function inline(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|#!&~]/g, '\\$&');
}

/** A fenced code block whose fence is longer than any run of backticks in `content`. */
export function fence(content: string, info = ''): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  const body = content.endsWith('\n') || content === '' ? content : `${content}\n`;
  return `${ticks}${info}\n${body}${ticks}`;
}

/** Free text quoted line by line: whatever it opens is closed where the quote ends. */
export function quote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

function list(items: string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

/** A GFM table; every cell is inline text (`|` escaped, no line breaks). */
function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(inline).join(' | ')} |`;
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A fence's info string from a file's extension, when it is a plain word. */
function infoFor(path: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(path)?.[1];
  return ext ? ext.toLowerCase() : '';
}
