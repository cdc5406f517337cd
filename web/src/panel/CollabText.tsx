/**
 * A plain-text CodeMirror view bound to one Y.Text of the panel doc through `yCollab`
 * (per-user undo through Y.UndoManager): the notes and the scorecard's summary.
 */
import { defaultKeymap } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

interface Props {
  text: Y.Text;
  awareness: Awareness;
  label: string;
  hint: string;
  /** For tests: the view is kept on `window.codesyncPanelText[label]`. */
}

declare global {
  interface Window {
    codesyncPanelText?: Record<string, EditorView>;
  }
}

const theme = EditorView.theme({
  '&': { fontSize: '14px', color: 'var(--fg)', backgroundColor: 'var(--bg)', border: '1px solid var(--line)' },
  '.cm-content': { fontFamily: 'inherit', minHeight: '4em' },
});

export function CollabText({ text, awareness, label, hint }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const undoManager = new Y.UndoManager(text);
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          placeholder(hint),
          theme,
          yCollab(text, awareness, { undoManager }),
        ],
      }),
    });
    window.codesyncPanelText = { ...window.codesyncPanelText, [label]: view };
    return () => {
      view.destroy();
      undoManager.destroy();
    };
  }, [text, awareness, label, hint]);
  return <div className="panel-text" ref={host} />;
}
