/**
 * Who wrote what, on the code: each person in the manifest gets a colour (the room's
 * cursor palette, in order of first join, so the legend matches the room), and the
 * text each person wrote is marked with it (CodeMirror `Decoration.mark` from the
 * replay's spans). Text the history names no one for is left unmarked.
 */
import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, type DecorationSet } from '@codemirror/view';
import { pickColour } from '../room/colours';
import type { FrameFile } from './protocol';

/** One colour per person, by index, none shared. */
export function authorColours(count: number): string[] {
  const colours: string[] = [];
  for (let i = 0; i < count; i++) colours.push(pickColour(colours));
  return colours;
}

const cache = new Map<string, Decoration>();
function markFor(person: number, colour: string): Decoration {
  const key = `${person}:${colour}`;
  let mark = cache.get(key);
  if (!mark) {
    mark = Decoration.mark({
      class: 'cm-author',
      attributes: { style: `--author: ${colour}`, 'data-person': String(person) },
    });
    cache.set(key, mark);
  }
  return mark;
}

/** The marks for a file's spans; spans beyond `length` (text not yet shown) are cut. */
export function authorMarks(spans: FrameFile['spans'], colours: readonly string[], length: number): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  let from = 0;
  for (const span of spans) {
    const to = Math.min(length, from + span.length);
    const colour = colours[span.person];
    if (colour !== undefined && to > from) builder.add(from, to, markFor(span.person, colour));
    from = to;
    if (from >= length) break;
  }
  return builder.finish();
}

/** The smallest replacement that turns `before` into `after` (a playhead step is usually one keystroke). */
export function textChange(before: string, after: string): { from: number; to: number; insert: string } | null {
  if (before === after) return null;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
