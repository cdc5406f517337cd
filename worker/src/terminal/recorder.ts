/**
 * Puts a terminal's input and output into the room's history (SPEC TERM9) without a
 * row per keystroke: the timeline keeps TIMELINE_MAX_ROWS in all, so input is written a
 * line at a time (at Enter, or TERMINAL_RECORD_ROW_CHARS), with who typed it, and output
 * in rows of TERMINAL_RECORD_ROW_CHARS, or when the next line is typed, or at the close:
 * playback shows each command and what it printed in order, at about the time they
 * happened. Output past TERMINAL_RECORD_OUTPUT_CHARS per terminal is not recorded.
 */

import type { PlaybackPerson } from '../playback/schema';
import { TERMINAL_RECORD_OUTPUT_CHARS, TERMINAL_RECORD_ROW_CHARS } from './limits';

export interface TerminalLog {
  terminal(who: PlaybackPerson, terminalId: string, stream: 'input' | 'output', data: string, at: number): void;
}

export class TerminalRecorder {
  #input = '';
  #inputBy: PlaybackPerson | null = null;
  #inputAt = 0;
  #output = '';
  #outputAt = 0;
  #outputKept = 0;

  constructor(
    private readonly log: TerminalLog,
    private readonly terminalId: string,
    /** Output rows are the opener's. */
    private readonly openedBy: PlaybackPerson,
  ) {}

  input(by: PlaybackPerson, data: string, now = Date.now()): void {
    if (this.#inputBy && this.#inputBy.name !== by.name) this.#flushInput();
    if (!this.#input) {
      // A new line: what the shell printed since the last one (its echo included) comes first.
      this.#flushOutput();
      this.#inputAt = now;
    }
    this.#inputBy = by;
    this.#input += data;
    if (/[\r\n]/.test(data) || this.#input.length >= TERMINAL_RECORD_ROW_CHARS) this.#flushInput();
  }

  output(data: string, now = Date.now()): void {
    const room = TERMINAL_RECORD_OUTPUT_CHARS - this.#outputKept;
    if (room <= 0) return;
    const kept = data.slice(0, room);
    this.#outputKept += kept.length;
    if (!this.#output) this.#outputAt = now;
    this.#output += kept;
    if (this.#output.length >= TERMINAL_RECORD_ROW_CHARS) this.#flushOutput();
  }

  /** The terminal closed: what is waiting is written. */
  flush(): void {
    this.#flushInput();
    this.#flushOutput();
  }

  #flushInput(): void {
    if (this.#input && this.#inputBy)
      this.log.terminal(this.#inputBy, this.terminalId, 'input', this.#input, this.#inputAt);
    this.#input = '';
    this.#inputBy = null;
  }

  #flushOutput(): void {
    if (this.#output) this.log.terminal(this.openedBy, this.terminalId, 'output', this.#output, this.#outputAt);
    this.#output = '';
  }
}
