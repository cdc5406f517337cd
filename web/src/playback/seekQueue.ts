/**
 * Seeks without a backlog: dragging the playhead asks for a new position every frame,
 * faster than the worker may answer. At most one seek is out at a time; what is asked
 * meanwhile replaces what was asked before, so when the answer comes back the worker
 * is sent only the newest position, never the ones the pointer has already left.
 *
 * @example
 * const seeks = new SeekQueue((p) => worker.postMessage({ type: 'seek', position: p }));
 * seeks.want(120); seeks.want(130); seeks.want(140); // sends 120 now
 * seeks.answered(120);                              // sends 140; 130 is never worked on
 */
export class SeekQueue {
  #target: number | null = null;
  #inFlight: number | null = null;
  #shown: number | null = null;
  /** The shown frame stopped short of its position (its page had not arrived). */
  #short = false;

  constructor(private readonly send: (position: number) => void) {}

  /** The position the page wants shown now. */
  want(position: number): void {
    this.#target = position;
    this.#pump();
  }

  /** The frame for `asked` arrived; `complete` is false when the worker could not reach it yet. */
  answered(asked: number, complete = true): void {
    this.#inFlight = null;
    this.#shown = asked;
    this.#short = !complete;
    this.#pump();
  }

  /** More history arrived: a frame cut short by a missing page can now be made whole. */
  refresh(): void {
    if (!this.#short) return;
    this.#shown = null;
    this.#pump();
  }

  #pump(): void {
    if (this.#inFlight !== null || this.#target === null || this.#target === this.#shown) return;
    this.#inFlight = this.#target;
    this.send(this.#target);
  }
}
