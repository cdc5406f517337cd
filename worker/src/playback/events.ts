/**
 * The timeline's events, from where each is already kept: joins and leaves (the join
 * log), runs and test runs (the room's runs table), file operations and language
 * switches (timeline.ts), pastes and focus changes (the panel's signals, read by the
 * route from PanelDO as the report does). Each source is read oldest first and cut at
 * PLAYBACK_MAX_EVENTS, which is all a merge of the first PLAYBACK_MAX_EVENTS needs.
 *
 * Runs are read with SQLite's JSON functions: a run's row carries its output (up to
 * hundreds of KB), and a marker needs six small fields of it.
 *
 * @example
 * const { events, omitted } = mergeEvents([roomEvents, signalEvents(signals, people)], PLAYBACK_MAX_EVENTS);
 */
import type { Role } from '../auth/roles';
import type { Signal } from '../panel/signals';
import type { JoinLogView } from '../room/joinLog';
import type { PlaybackEvent, PlaybackPerson } from './schema';

export interface EventSource {
  events: PlaybackEvent[];
  /** Events this source had past what it gave. */
  omitted: number;
}

export function joinEvents({ entries, omitted }: JoinLogView): EventSource {
  const events: PlaybackEvent[] = [];
  for (const { name, role, joinedAt, leftAt } of entries) {
    events.push({ type: 'join', at: joinedAt, who: { name, role } });
    if (leftAt !== null) events.push({ type: 'leave', at: leftAt, who: { name, role } });
  }
  return { events, omitted };
}

interface RunRow extends Record<string, SqlStorageValue> {
  run_id: string;
  created_at: number;
  kind: string | null;
  name: string;
  role: string;
  finished_at: number | null;
  verdict: string | null;
  total: number | null;
  passed: number | null;
}

/** The room's runs as markers, oldest first, at most `max`. */
export function runEvents(sql: SqlStorage, max: number): EventSource {
  const rows = sql
    .exec<RunRow>(
      `SELECT run_id, created_at,
         json_extract(data, '$.kind') AS kind,
         json_extract(data, '$.startedBy.name') AS name,
         json_extract(data, '$.startedBy.role') AS role,
         json_extract(data, '$.finishedAt') AS finished_at,
         json_extract(data, '$.verdict') AS verdict,
         json_array_length(data, '$.tests.cases') AS total,
         (SELECT COUNT(*) FROM json_each(data, '$.tests.outcomes')
            WHERE json_extract(value, '$.verdict') = 'passed') AS passed
       FROM runs ORDER BY created_at, run_id LIMIT ?`,
      max,
    )
    .toArray();
  const all = sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM runs').one().n;
  const events = rows.map((row): PlaybackEvent => {
    const tests = row.kind === 'tests';
    return {
      type: 'run',
      at: row.created_at,
      runId: row.run_id,
      kind: tests ? 'tests' : 'run', // runs stored before test runs have no kind
      who: { name: row.name, role: row.role as Role },
      finishedAt: row.finished_at,
      verdict: row.verdict as Extract<PlaybackEvent, { type: 'run' }>['verdict'],
      passed: tests ? (row.passed ?? 0) : null,
      total: tests ? (row.total ?? 0) : null,
    };
  });
  return { events, omitted: all - rows.length };
}

/**
 * The panel's signals as markers. A signal names the role that sent it, not the person:
 * it is put to the newest person of that role who had joined by then.
 */
export function signalEvents(signals: readonly Signal[], joins: JoinLogView): EventSource {
  const who = (role: Role, at: number): PlaybackPerson => {
    let name: string = role;
    for (const entry of joins.entries) if (entry.role === role && entry.joinedAt <= at) name = entry.name;
    return { name, role };
  };
  const events = signals.map((signal): PlaybackEvent => {
    const base = { at: signal.at, who: who(signal.by.role, signal.at) };
    return signal.kind === 'paste'
      ? { type: 'paste', ...base, chars: signal.chars }
      : { type: 'focus', ...base, lost: signal.state === 'left' };
  });
  return { events, omitted: 0 };
}

/** Every source's events in time order (stable: a source's own order is kept on ties), the first `max`. */
export function mergeEvents(sources: readonly EventSource[], max: number): EventSource {
  const all = sources.flatMap((s) => s.events).sort((a, b) => a.at - b.at);
  const omitted = sources.reduce((n, s) => n + s.omitted, 0) + Math.max(0, all.length - max);
  return { events: all.slice(0, max), omitted };
}
