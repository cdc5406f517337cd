/**
 * Splits the runner's stderr into text and the runner's own marker lines
 * ("\n<nonce>:<phase>:<values>\n", see languages/base/runner.pl), across chunk
 * boundaries. Text that might be the start of a marker is held back until it is not.
 */
export type Piece = { kind: 'text'; data: string } | { kind: 'marker'; fields: string[] };

export class MarkerSplitter {
  readonly #prefix: string;
  #pending = '';

  constructor(nonce: string) {
    this.#prefix = `\n${nonce}:`;
  }

  feed(chunk: string): Piece[] {
    this.#pending += chunk;
    const pieces: Piece[] = [];
    for (;;) {
      const start = this.#pending.indexOf(this.#prefix);
      if (start === -1) break;
      const end = this.#pending.indexOf('\n', start + this.#prefix.length);
      if (end === -1) break; // the marker line is not complete yet
      if (start > 0) pieces.push({ kind: 'text', data: this.#pending.slice(0, start) });
      pieces.push({ kind: 'marker', fields: this.#pending.slice(start + this.#prefix.length, end).split(':') });
      this.#pending = this.#pending.slice(end + 1);
    }
    // Emit everything that cannot begin a marker; keep a possible partial one.
    const keep = this.#partialMarkerLength();
    const emit = this.#pending.length - keep;
    if (emit > 0) {
      pieces.push({ kind: 'text', data: this.#pending.slice(0, emit) });
      this.#pending = this.#pending.slice(emit);
    }
    return pieces;
  }

  /** Whatever is still held back, once the stream has ended. */
  flush(): Piece[] {
    const rest = this.#pending;
    this.#pending = '';
    return rest ? [{ kind: 'text', data: rest }] : [];
  }

  #partialMarkerLength(): number {
    const full = this.#pending.lastIndexOf(this.#prefix);
    if (full !== -1) return this.#pending.length - full; // a marker waiting for its newline
    for (let n = Math.min(this.#prefix.length - 1, this.#pending.length); n > 0; n--) {
      if (this.#prefix.startsWith(this.#pending.slice(-n))) return n;
    }
    return 0;
  }
}
