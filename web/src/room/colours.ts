/**
 * Cursor colours: each person in the room gets one nobody else has. Light enough that
 * a name in black on it reads at ≥ 4.5:1, and distinct from each other.
 *
 * @example
 * pickColour(['#ff8589']) // '#5eb1ef': the first one free
 */
export const CURSOR_COLOURS = [
  '#ff8589',
  '#5eb1ef',
  '#3dd68c',
  '#ffa057',
  '#c79bf2',
  '#f986c9',
  '#0bd8b6',
  '#e0c98f',
  '#b5cbff',
  '#ffdc73',
] as const;

/** The first colour nobody else uses; past the palette, a hue nobody has by index. */
export function pickColour(taken: readonly string[]): string {
  const free = CURSOR_COLOURS.find((c) => !taken.includes(c));
  if (free) return free;
  for (let i = 0; ; i++) {
    // Golden-angle hues stay apart; lightness keeps black text readable.
    const colour = `hsl(${Math.round((i * 137.508) % 360)}, 80%, 72%)`;
    if (!taken.includes(colour)) return colour;
  }
}

/**
 * Whether `self` must give its colour up: someone else has it and was there first
 * (by the lower awareness client id, the same answer in every browser).
 */
export function mustRepick(self: { clientId: number; colour: string }, others: Map<number, string>): boolean {
  for (const [clientId, colour] of others) {
    if (colour === self.colour && clientId < self.clientId) return true;
  }
  return false;
}
