/**
 * A name as others read it (a room's display name, an account's name): control
 * characters and the characters that reorder text (bidi embeddings, overrides, isolates
 * and marks) are dropped, so a name reads as it is written and cannot turn the text after
 * it around ("Cara" + U+202E + "rotaluger" would show as "Cararegulator"). Joiners stay:
 * emoji sequences need them.
 *
 * @example
 * readableName(' Ada\u202e ') // → "Ada"
 */
const UNREADABLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function readableName(name: string): string {
  return name.replace(UNREADABLE, '').trim();
}
