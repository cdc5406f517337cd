import { REPORT_RUN_OUTPUT_BYTES } from '../limits';
import type { FileContent } from '../room/doc';
import type { JoinLogView } from '../room/joinLog';
import type { QuestionView } from '../room/question/schema';
import type { RoomRecord } from '../room/roomMeta';
import type { Run, RunOutput } from '../runs/run';
import type { PanelRecord, Report, ReportCaseResult, ReportQuestion, ReportRun } from './schema';

/** What the room's Durable Object hands over for a report (RoomDO.reportParts). */
export interface RoomReportParts {
  record: RoomRecord;
  files: FileContent[];
  entry: string | null;
  /** The newest REPORT_MAX_RUNS runs, oldest first. */
  runs: Run[];
  totalRuns: number;
  joins: JoinLogView;
  /** Connection ids of the sockets open now. */
  online: string[];
  /** The room's question as a panel role sees it: every case, hidden ones included. */
  question: QuestionView | null;
}

export function buildReport(
  parts: RoomReportParts,
  question: ReportQuestion | null,
  panel: PanelRecord,
  now: number,
): Report {
  const { record } = parts;
  const online = new Set(parts.online);
  return {
    generatedAt: now,
    room: {
      roomId: record.roomId,
      title: record.title,
      language: record.language,
      status: record.status,
      createdAt: record.createdAt,
      endedAt: record.endedAt,
      durationMs: Math.max(0, (record.endedAt ?? now) - record.createdAt),
    },
    question,
    files: parts.files.map(({ path, content }) => ({ path, content })),
    entry: parts.entry,
    runs: { total: parts.totalRuns, shown: parts.runs.map(reportRunOf) },
    joins: {
      entries: parts.joins.entries.map((entry) => ({ ...entry, online: online.has(entry.connId) })),
      omitted: parts.joins.omitted,
    },
    panel,
  };
}

/** One run as the report shows it: flat, every state's fields present (null when not yet). */
export function reportRunOf(run: Run): ReportRun {
  const tests = testsOf(run);
  const output = run.state === 'queued' ? { chunks: [], cut: false } : clipOutput(run.output);
  const finished = run.state === 'finished' ? run : null;
  const failed = run.state === 'failed' ? run : null;
  return {
    runId: run.runId,
    kind: run.kind,
    startedBy: run.startedBy,
    language: run.language,
    path: run.path,
    stdin: clip(run.stdin, REPORT_RUN_OUTPUT_BYTES).text,
    state: run.state,
    createdAt: run.createdAt,
    startedAt: run.state === 'queued' ? null : run.startedAt,
    finishedAt: (finished ?? failed)?.finishedAt ?? null,
    verdict: finished?.verdict ?? null,
    exitCode: finished?.exitCode ?? null,
    timeMs: finished?.timeMs ?? null,
    memoryKb: finished?.memoryKb ?? null,
    error: failed?.error ?? null,
    message: failed?.message ?? null,
    output: output.chunks,
    truncated: (run.state !== 'queued' && run.truncated) || output.cut,
    tests,
  };
}

/** A test run's per-case results, each with its case's name; null for a plain run. */
function testsOf(run: Run): ReportCaseResult[] | null {
  if (run.kind !== 'tests') return null;
  const cases = new Map((run.tests?.cases ?? []).map((c) => [c.id, c]));
  return (run.tests?.outcomes ?? []).map((outcome) => {
    // The room stores every run whole; only what it sends a candidate is cut down.
    const stdoutText = 'stdout' in outcome ? outcome.stdout : '';
    const stderrText = 'stderr' in outcome ? outcome.stderr : '';
    const stdout = clip(stdoutText, REPORT_RUN_OUTPUT_BYTES);
    const stderr = clip(stderrText, REPORT_RUN_OUTPUT_BYTES);
    const known = cases.get(outcome.id);
    return {
      id: outcome.id,
      name: known && 'name' in known ? known.name : outcome.id,
      hidden: outcome.hidden,
      verdict: outcome.verdict,
      exitCode: 'exitCode' in outcome ? outcome.exitCode : null,
      signal: 'signal' in outcome ? outcome.signal : null,
      timeMs: outcome.timeMs === null ? null : Math.round(outcome.timeMs),
      memoryKb: 'memoryKb' in outcome && outcome.memoryKb !== null ? Math.round(outcome.memoryKb) : null,
      stdout: stdout.text,
      stderr: stderr.text,
      truncated: ('truncated' in outcome && outcome.truncated) || stdout.cut || stderr.cut,
    };
  });
}

/** A run's output, cut at REPORT_RUN_OUTPUT_BYTES in all. */
function clipOutput(output: readonly RunOutput[]): { chunks: RunOutput[]; cut: boolean } {
  let budget = REPORT_RUN_OUTPUT_BYTES;
  const chunks: RunOutput[] = [];
  for (const chunk of output) {
    if (budget <= 0) return { chunks, cut: true };
    const { text, cut, bytes } = clip(chunk.data, budget);
    chunks.push({ stream: chunk.stream, data: text });
    budget -= bytes;
    if (cut) return { chunks, cut: true };
  }
  return { chunks, cut: false };
}

/** `text` cut to at most `max` UTF-8 bytes, never inside a character. */
export function clip(text: string, max: number): { text: string; cut: boolean; bytes: number } {
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength <= max) return { text, cut: false, bytes: bytes.byteLength };
  let end = max;
  // Back up over continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: new TextDecoder().decode(bytes.subarray(0, end)), cut: true, bytes: end };
}
