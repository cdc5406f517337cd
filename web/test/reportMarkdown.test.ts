/**
 * The report's Markdown (web/src/report/markdown.ts), read back by a real CommonMark +
 * GFM parser (markdown-it, raw HTML on): whatever the interview typed, the document
 * keeps its sections, every file comes back byte for byte from its code block, and
 * text in a line stays text.
 */
import { type Report, reportSchema } from '@codesync/worker/report';
import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { fence, inline, quote, reportMarkdown } from '../src/report/markdown';

const md = new MarkdownIt({ html: true });

const HOSTILE_TITLE =
  '# Not a heading *bold* _it_ [link](http://x) | pipe <b>html</b> &amp; `code` ~~s~~\n## second line';
const FENCED_FILE = 'print("```")\n```\nrm -rf /\n```\n# not a heading\n';
const FOUR_TICKS = 'x = """\n````python\n"""\n';

function hostileReport(): Report {
  return reportSchema.parse({
    generatedAt: Date.UTC(2026, 11, 2, 6, 0, 0),
    room: {
      roomId: 'r'.repeat(22),
      title: HOSTILE_TITLE,
      language: 'python',
      status: 'ended',
      createdAt: Date.UTC(2026, 11, 2, 5, 0, 0),
      endedAt: Date.UTC(2026, 11, 2, 5, 42, 3),
      durationMs: 42 * 60_000 + 3_000,
    },
    question: {
      slug: 'two-sum',
      title: 'Two *Sum*',
      difficulty: 'easy',
      statement: 'Find two numbers.\n\n```\nan example left open\n\n## Fake section\n<div>',
      tests: [
        { name: 'example | 1', hidden: false, stdin: '2 7\n', expected: '0 1\n', compare: 'exact', timeLimitMs: null },
        { name: 'big `one`', hidden: true, stdin: '```\n', expected: '````\n', compare: 'trimmed', timeLimitMs: 2000 },
      ],
    },
    files: [
      { path: 'main.py', content: FENCED_FILE },
      { path: 'util.py', content: FOUR_TICKS },
      { path: 'empty.py', content: '' },
    ],
    entry: 'main.py',
    runs: {
      total: 2,
      shown: [
        {
          runId: 'run-1',
          kind: 'run',
          startedBy: { name: 'Cara *the* candidate', role: 'candidate' },
          language: 'python',
          path: 'main.py',
          stdin: '1 2\n',
          state: 'finished',
          createdAt: Date.UTC(2026, 11, 2, 5, 10, 0),
          startedAt: Date.UTC(2026, 11, 2, 5, 10, 0),
          finishedAt: Date.UTC(2026, 11, 2, 5, 10, 1),
          verdict: 'ok',
          exitCode: 0,
          timeMs: 31,
          memoryKb: 9216,
          error: null,
          message: null,
          output: [
            { stream: 'stdout', data: '```\n' },
            { stream: 'stderr', data: '## injected\n' },
          ],
          truncated: false,
          tests: null,
        },
        {
          runId: 'run-2',
          kind: 'tests',
          startedBy: { name: 'Ian', role: 'interviewer' },
          language: 'python',
          path: 'main.py',
          stdin: '',
          state: 'finished',
          createdAt: Date.UTC(2026, 11, 2, 5, 20, 0),
          startedAt: Date.UTC(2026, 11, 2, 5, 20, 0),
          finishedAt: Date.UTC(2026, 11, 2, 5, 20, 2),
          verdict: 'ok',
          exitCode: 0,
          timeMs: 40,
          memoryKb: 9216,
          error: null,
          message: null,
          output: [],
          truncated: false,
          tests: [
            {
              id: 'c1',
              name: 'example | 1',
              hidden: false,
              verdict: 'passed',
              exitCode: 0,
              signal: null,
              timeMs: 12,
              memoryKb: 9000,
              stdout: '0 1\n',
              stderr: '',
              truncated: false,
            },
            {
              id: 'c2',
              name: 'big `one`',
              hidden: true,
              verdict: 'wrong_answer',
              exitCode: 0,
              signal: null,
              timeMs: 15,
              memoryKb: 9000,
              stdout: '| x |\n',
              stderr: '',
              truncated: false,
            },
          ],
        },
      ],
    },
    joins: {
      entries: [
        {
          connId: 'c1',
          name: 'Ian | <script>',
          role: 'interviewer',
          joinedAt: Date.UTC(2026, 11, 2, 5, 0, 5),
          leftAt: Date.UTC(2026, 11, 2, 5, 42, 3),
          online: false,
        },
        {
          connId: 'c2',
          name: 'Cara',
          role: 'candidate',
          joinedAt: Date.UTC(2026, 11, 2, 5, 1, 0),
          leftAt: null,
          online: false,
        },
      ],
      omitted: 0,
    },
    panel: {
      notes: 'Strong on hashing.\n```\nnever closed\n# Heading in notes',
      scorecard: {
        ratings: [
          { criterion: 'Problem | solving', rating: 3 },
          { criterion: 'Communication', rating: null },
        ],
        recommendation: 'yes',
        summary: '<details>open',
      },
      signals: [{ kind: 'paste', at: Date.UTC(2026, 11, 2, 5, 15, 0), by: 'Cara', detail: 'pasted 1204 characters' }],
    },
  });
}

/** The text a heading or cell shows: its inline children's text. */
function textOf(inlineToken: Token | undefined): string {
  return (inlineToken?.children ?? []).map((t) => t.content).join('');
}

function topHeadings(tokens: Token[]): string[] {
  return tokens.flatMap((t, i) =>
    t.type === 'heading_open' && t.level === 0 && (t.tag === 'h1' || t.tag === 'h2') ? [textOf(tokens[i + 1])] : [],
  );
}

/** Every table's rows, each a list of its cells' text. */
function tables(tokens: Token[]): string[][][] {
  const found: string[][][] = [];
  let rows: string[][] = [];
  let row: string[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'table_open') rows = [];
    if (t.type === 'tr_open') row = [];
    if (t.type === 'th_open' || t.type === 'td_open') row.push(textOf(tokens[i + 1]));
    if (t.type === 'tr_close') rows.push(row);
    if (t.type === 'table_close') found.push(rows);
  });
  return found;
}

describe('the report as Markdown', () => {
  it('[REP7] keeps its sections whatever the title, statement, code, output and notes hold', () => {
    const tokens = md.parse(reportMarkdown(hostileReport()), {});
    expect(topHeadings(tokens)).toEqual([
      `Report: ${HOSTILE_TITLE.replace('\n', ' ')}`,
      'Question: Two *Sum*',
      'Final code',
      'Runs (2)',
      'Who joined',
      'Notes',
      'Scorecard',
      'Integrity signals',
    ]);
    // The title is plain text: no emphasis, link, code, HTML or strikethrough came of it.
    const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
    expect(new Set(tokens[h1 + 1]?.children?.map((c) => c.type))).toEqual(new Set(['text']));
    expect(tokens.some((t) => t.type === 'html_block' && t.level === 0)).toBe(false);
  });

  it('[REP7] gives every file back byte for byte from its own code block', () => {
    const tokens = md.parse(reportMarkdown(hostileReport()), {});
    const blocks = tokens.filter((t) => t.type === 'fence' && t.level === 0).map((t) => t.content);
    expect(blocks).toContain(FENCED_FILE);
    expect(blocks).toContain(FOUR_TICKS);
    expect(blocks).toContain('');
    // The hidden case's input and expected output, and the run's output, come back whole too.
    expect(blocks).toContain('```\n');
    expect(blocks).toContain('````\n');
    expect(blocks).toContain('```\n## injected\n');
  });

  it('[REP7] keeps table cells whole (pipes and HTML in names stay in their cell) and marks hidden cases', () => {
    const text = reportMarkdown(hostileReport());
    const found = tables(md.parse(text, {}));
    const joins = found.find((rows) => rows[0]?.[0] === 'Name');
    expect(joins).toEqual([
      ['Name', 'Role', 'Joined', 'Left'],
      ['Ian | <script>', 'interviewer', '2026-12-02 05:00:05 UTC', '2026-12-02 05:42:03 UTC'],
      ['Cara', 'candidate', '2026-12-02 05:01:00 UTC', 'connection lost (time unknown)'],
    ]);
    const cases = found.find((rows) => rows[0]?.[0] === 'Case');
    expect(cases?.map((r) => r.slice(0, 2))).toEqual([
      ['Case', 'Verdict'],
      ['example | 1', 'Passed'],
      ['big `one` (hidden)', 'Wrong answer'],
    ]);
    expect(found.find((rows) => rows[0]?.[0] === 'Criterion')?.[1]).toEqual(['Problem | solving', '3']);
    expect(text).toContain('#### 1. example \\| 1 (visible)');
    expect(text).toContain('#### 2. big \\`one\\` (hidden)');
    expect(text).toContain('Runs (2)');
    expect(text).toContain('### Tests 2: 1/2 passed');
  });

  it('[REP7] is a pure function of the report: the same JSON, the same document, the JSON untouched', () => {
    const report = hostileReport();
    const before = structuredClone(report);
    expect(reportMarkdown(report)).toBe(reportMarkdown(hostileReport()));
    expect(report).toEqual(before);
  });

  it('[REP7] fences outgrow the backticks inside, quotes close what they open, inline text cannot start a block', () => {
    expect(fence('a ``` b ````` c')).toBe('``````\na ``` b ````` c\n``````');
    expect(fence('plain', 'py')).toBe('```py\nplain\n```');
    expect(quote('one\n\n```\ntwo\r\n')).toBe('> one\n>\n> ```\n> two');
    expect(inline('a\n# b\r\n- c')).toBe('a \\# b - c');
    const doc = md.parse(`${quote('```\nleft open')}\n\n# After`, {});
    expect(topHeadings(doc)).toEqual(['After']);
  });
});
