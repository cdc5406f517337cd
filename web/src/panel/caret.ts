/**
 * Where a caret (or a selection end) in a text ends up after someone else's change to
 * that text, given as a Yjs delta: a change before it moves it, a change after it does
 * not, and text deleted around it leaves it at the deletion.
 *
 * @example
 * shifted(5, [{ retain: 2 }, { insert: 'abc' }]); // 8
 */
import type * as Y from 'yjs';

export function shifted(index: number, delta: Y.YTextEvent['delta']): number {
  let before = 0; // position in the text as it was
  let result = index;
  for (const op of delta) {
    if (before > index) break;
    if (op.retain !== undefined) before += op.retain;
    else if (typeof op.insert === 'string') {
      // Text typed exactly at the caret lands before it: the caret stays after what it had.
      if (before <= index) result += op.insert.length;
    } else if (op.delete !== undefined) {
      if (before < index) result -= Math.min(op.delete, index - before);
      before += op.delete;
    }
  }
  return Math.max(0, result);
}
