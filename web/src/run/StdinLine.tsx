/**
 * The console's input line while an interactive run is live (SPEC INT13): Enter sends
 * the line (with its newline) to the program for everyone, Ctrl-D ends the input,
 * Ctrl-C (or Stop) stops the run. What was sent shows up in the console as everyone's
 * echo, with the typist's name, once the room took it: nothing is echoed locally.
 */
import { type KeyboardEvent, useState } from 'react';

export interface LiveControls {
  /** One line typed into run `runId` (the newline included), or the end of its input. */
  input(runId: string, input: { data: string } | { eof: true }): void;
  stop(runId: string): void;
}

export function StdinLine({ runId, controls }: { runId: string; controls: LiveControls }) {
  const [line, setLine] = useState('');
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      controls.input(runId, { data: `${line}\n` });
      setLine('');
    } else if (e.ctrlKey && e.key.toLowerCase() === 'd') {
      e.preventDefault();
      if (line) controls.input(runId, { data: line });
      controls.input(runId, { eof: true });
      setLine('');
    } else if (
      e.ctrlKey &&
      e.key.toLowerCase() === 'c' &&
      e.currentTarget.selectionStart === e.currentTarget.selectionEnd
    ) {
      // With text selected, Ctrl-C copies it, as everywhere else.
      e.preventDefault();
      controls.stop(runId);
    }
  };
  return (
    <div className="stdin-line">
      <span className="prompt" aria-hidden="true">
        ›
      </span>
      <input
        className="stdin-input"
        aria-label="Type into the program (Enter sends, Ctrl-D ends the input, Ctrl-C stops)"
        value={line}
        onChange={(e) => setLine(e.target.value)}
        onKeyDown={onKey}
        spellCheck={false}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the line appears because the person just started a run to type into
        autoFocus
      />
      <button type="button" onClick={() => controls.stop(runId)} title="Stops the program (Ctrl-C)">
        Stop
      </button>
    </div>
  );
}
