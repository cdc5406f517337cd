/**
 * The output cap of one job: every byte a program prints counts against it, and the
 * text that crosses it is cut at a UTF-8 character boundary, so what is kept is valid
 * text of at most `capBytes` bytes (a cut inside a character would decode to U+FFFD,
 * three bytes, and overshoot the cap).
 *
 * @example
 * const budget = new OutputBudget(1024);
 * const kept = budget.take(text); // all of it, or the part that fits
 * if (budget.exhausted) killTheSandbox();
 */
export class OutputBudget {
  #used = 0;
  #exhausted = false;

  constructor(readonly capBytes: number) {}

  /** The part of `text` that fits; once something did not fit, nothing more does. */
  take(text: string): string {
    if (this.#exhausted || text.length === 0) return '';
    const bytes = Buffer.byteLength(text);
    if (this.#used + bytes <= this.capBytes) {
      this.#used += bytes;
      return text;
    }
    const kept = utf8Prefix(text, this.capBytes - this.#used);
    this.#used += Buffer.byteLength(kept);
    this.#exhausted = true;
    return kept;
  }

  get usedBytes(): number {
    return this.#used;
  }

  /** True once output was cut: the program printed more than the cap. */
  get exhausted(): boolean {
    return this.#exhausted;
  }
}

/** The longest prefix of `text` that is at most `maxBytes` bytes of UTF-8. */
export function utf8Prefix(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  // Continuation bytes are 10xxxxxx: back off to the byte that starts a character.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
