/**
 * A name as others read it (a room's display name, an account's name): control and format
 * characters are dropped, among them the characters that reorder text (bidi embeddings,
 * overrides, isolates and marks) and the invisible ones (zero-width space, soft hyphen, word
 * joiner, byte order mark), so a name reads as it is written and cannot turn the text after
 * it around ("Cara" + U+202E + "rotaluger" would show as "Cararegulator"). The joiners and the
 * tag characters stay: emoji sequences and subdivision flags need them. A name left with no
 * character to see (only spaces, combining marks, fillers) is empty: the caller's default
 * stands in for it, as for no name at all.
 *
 * A display name's length is counted as people see it: an emoji, a flag or an accented letter
 * is one character (Intl.Segmenter's graphemes; code points where there is none).
 *
 * @example
 * readableName(' Ada\u202e ') // → "Ada"
 * readableName('\u200b')       // → ""
 * nameLength('👩‍💻🇫🇷')          // → 2
 */
import { MAX_NAME_CHARS } from './limits';

/** Cc and Cf, but for ZWNJ, ZWJ and the tag characters. */
const UNREADABLE = /(?!\u200c|\u200d|[\u{e0020}-\u{e007f}])[\p{Cc}\p{Cf}]/gu;
/** A character that shows something: not a space, mark, format or default-ignorable one (U+2800 is a blank). */
const VISIBLE = /[^\p{White_Space}\p{M}\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/u;

export function readableName(name: string): string {
  const readable = name.replace(UNREADABLE, '').trim();
  return VISIBLE.test(readable) ? readable : '';
}

/**
 * A display name's bound in UTF-16 units, besides MAX_NAME_CHARS characters: one character
 * may carry any number of marks. 16 a character leaves room for the longest emoji in common
 * use (a family of four: 11 units). Kept here, next to its one use.
 */
const MAX_NAME_UNITS = MAX_NAME_CHARS * 16;

const graphemes =
  typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

/** How many characters a person sees in `name`. */
export function nameLength(name: string): number {
  if (!graphemes) return [...name].length;
  let count = 0;
  for (const _ of graphemes.segment(name)) count++;
  return count;
}

/** Why a (readable) display name is too long, or null: the room's admission and comment authors. */
export function displayNameProblem(name: string): string | null {
  if (name.length > MAX_NAME_UNITS) return `is too long: at most ${MAX_NAME_CHARS} characters, without piles of marks`;
  if (nameLength(name) > MAX_NAME_CHARS) {
    return `must be at most ${MAX_NAME_CHARS} characters, counted as they show (an emoji or an accented letter is one)`;
  }
  return null;
}
