/**
 * The timeline's markers: each recorded event (worker/src/playback/schema.ts) in words
 * and a tone the styles colour by (a run by its verdict, a test run by whether every
 * case passed). Pure, so the words are tested without a browser.
 */
import type { PlaybackEvent } from '@codesync/worker/playback-schema';

export type Tone = 'good' | 'bad' | 'pending' | 'warn' | 'info' | 'people' | 'file';

export interface Marker {
  at: number;
  type: PlaybackEvent['type'];
  tone: Tone;
  label: string;
  /** A run's id: clicking its marker shows its output. */
  runId: string | null;
}

const VERDICT_WORDS: Record<string, string> = {
  ok: 'OK',
  compile_error: 'compile error',
  runtime_error: 'runtime error',
  time_limit: 'time limit',
  memory_limit: 'memory limit',
  output_limit: 'output limit',
  internal_error: 'internal error',
};

/** A moment as a wall clock reads it here: hh:mm:ss. */
export function clockTime(at: number): string {
  const d = new Date(at);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function markerOf(event: PlaybackEvent): Marker {
  const base = { at: event.at, type: event.type, runId: null };
  switch (event.type) {
    case 'join':
      return { ...base, tone: 'people', label: `${event.who.name} (${event.who.role}) joined` };
    case 'leave':
      return { ...base, tone: 'people', label: `${event.who.name} (${event.who.role}) left` };
    case 'run': {
      const what = event.kind === 'tests' ? 'Tests' : 'Run';
      const by = `by ${event.who.name}`;
      const runId = event.runId;
      if (event.verdict === null) {
        const state = event.finishedAt === null ? 'not finished' : 'not run';
        return {
          ...base,
          runId,
          tone: event.finishedAt === null ? 'pending' : 'bad',
          label: `${what} ${by}: ${state}`,
        };
      }
      if (event.kind === 'tests' && event.passed !== null && event.total !== null && event.verdict === 'ok') {
        const tone = event.passed === event.total ? 'good' : 'bad';
        return { ...base, runId, tone, label: `${what} ${by}: ${event.passed}/${event.total} passed` };
      }
      const took = event.finishedAt === null ? '' : ` in ${seconds(event.finishedAt - event.at)}`;
      const tone = event.verdict === 'ok' ? 'good' : 'bad';
      return { ...base, runId, tone, label: `${what} ${by}: ${VERDICT_WORDS[event.verdict] ?? event.verdict}${took}` };
    }
    case 'paste':
      return { ...base, tone: 'warn', label: `${event.who.name} pasted ${event.chars} characters` };
    case 'focus':
      return {
        ...base,
        tone: event.lost ? 'warn' : 'info',
        label: event.lost ? `${event.who.name} left the tab` : `${event.who.name} came back to the tab`,
      };
    case 'file': {
      const who = event.who ? `${event.who.name} ` : '';
      const label =
        event.action === 'renamed'
          ? `${who}renamed ${event.from ?? '?'} to ${event.path}`
          : `${who}${event.action} ${event.path}`;
      return { ...base, tone: 'file', label };
    }
    case 'language':
      return {
        ...base,
        tone: 'info',
        label: `${event.who.name} switched the language from ${event.from} to ${event.to}`,
      };
    case 'restore':
      return { ...base, tone: 'info', label: `${event.who.name} restored the files to ${clockTime(event.to)}` };
    case 'stdin':
      // Clicking it shows the run's console, where the line sits among the program's output.
      return {
        ...base,
        runId: event.runId,
        tone: 'info',
        label: `${event.who.name} typed ${JSON.stringify(event.data)}`,
      };
    case 'terminal':
      // The shared terminal (SPEC TERM9): each typed line with its typist, and what the shell printed.
      return {
        ...base,
        tone: 'info',
        label:
          event.stream === 'input'
            ? `${event.who.name} typed in the terminal: ${JSON.stringify(event.data)}`
            : `The terminal printed ${JSON.stringify(event.data.length > 80 ? `${event.data.slice(0, 80)}…` : event.data)}`,
      };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
