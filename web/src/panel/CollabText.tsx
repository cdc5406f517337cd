/**
 * A plain text area bound to one Y.Text of the panel doc: the notes and the scorecard's
 * summary. A text area rather than a CodeMirror view: notes are prose, and the room's
 * code editor stays the only `.cm-editor` on the page (tests and tools find it by that).
 *
 * Local input is turned into the smallest delete + insert (common prefix and suffix);
 * remote changes are applied to the value with the caret moved along their delta, so
 * someone else typing above you never moves what you are typing.
 */
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { shifted } from './caret';

interface Props {
  text: Y.Text;
  label: string;
  hint: string;
  maxLength: number;
}

export function CollabText({ text, label, hint, maxLength }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.value = text.toString();
    const origin = {}; // this view's own changes, not echoed back into it
    const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === origin) return;
      const [start, end] = [el.selectionStart, el.selectionEnd];
      el.value = text.toString();
      el.setSelectionRange(shifted(start, event.delta), shifted(end, event.delta));
    };
    const onInput = () => {
      const before = text.toString();
      const after = el.value;
      let prefix = 0;
      while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
      let suffix = 0;
      while (
        suffix < before.length - prefix &&
        suffix < after.length - prefix &&
        before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
      )
        suffix++;
      text.doc?.transact(() => {
        text.delete(prefix, before.length - prefix - suffix);
        text.insert(prefix, after.slice(prefix, after.length - suffix));
      }, origin);
    };
    text.observe(onRemote);
    el.addEventListener('input', onInput);
    return () => {
      text.unobserve(onRemote);
      el.removeEventListener('input', onInput);
    };
  }, [text]);
  return (
    <textarea ref={area} className="panel-text" aria-label={label} placeholder={hint} maxLength={maxLength} rows={5} />
  );
}
