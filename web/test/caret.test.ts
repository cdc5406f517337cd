/** The panel's text areas keep a person's caret where it was while others type (web/src/panel/caret.ts). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { shifted } from '../src/panel/caret';

/** The delta of `change` applied by another person to a text holding `text`. */
function deltaOf(text: string, change: (t: Y.Text) => void): Y.YTextEvent['delta'] {
  const doc = new Y.Doc();
  const t = doc.getText('notes');
  t.insert(0, text);
  let delta: Y.YTextEvent['delta'] = [];
  t.observe((event) => {
    delta = event.delta;
  });
  change(t);
  return delta;
}

describe('the caret under someone else’s edits', () => {
  const text = 'hello world';
  const caret = 6; // before "world"

  it('[PANEL10] an insert before the caret moves it along; one after it does not', () => {
    expect(
      shifted(
        caret,
        deltaOf(text, (t) => t.insert(0, 'oh, ')),
      ),
    ).toBe(caret + 4);
    expect(
      shifted(
        caret,
        deltaOf(text, (t) => t.insert(8, 'XYZ')),
      ),
    ).toBe(caret);
  });

  it('[PANEL10] the changes of one delta are placed in the text as it was, each counted once', () => {
    const delta = deltaOf(text, (t) =>
      t.doc?.transact(() => {
        t.insert(1, 'AB'); // before the caret: +2
        t.delete(10, 3); // "rld" in the new text, after the caret: nothing
      }),
    );
    expect(shifted(caret, delta)).toBe(caret + 2);
    // An insert and a delete both before the caret: +2 - 1, positions counted in the old text.
    const both = deltaOf(text, (t) =>
      t.doc?.transact(() => {
        t.insert(0, 'AB');
        t.delete(6, 1); // the "o" of "hello", at 4 before the insert
      }),
    );
    expect(shifted(caret, both)).toBe(caret + 1);
  });

  it('[PANEL10] a delete before the caret pulls it back; one around it leaves it at the deletion', () => {
    expect(
      shifted(
        caret,
        deltaOf(text, (t) => t.delete(0, 2)),
      ),
    ).toBe(caret - 2);
    expect(
      shifted(
        caret,
        deltaOf(text, (t) => t.delete(4, 4)),
      ),
    ).toBe(4);
  });
});
