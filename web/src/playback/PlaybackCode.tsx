/**
 * One file at the playhead in a read-only CodeMirror view: the language's highlighting
 * and each person's colour on the text they wrote. The view is made once; each frame
 * is applied as the smallest text change (a playhead step is usually a keystroke, so
 * the scroll position and the highlighting's parse tree mostly stay) plus new marks.
 */
import { syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, StateEffect, StateField } from '@codemirror/state';
import { type DecorationSet, EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { highlightStyle } from '../editor/highlight';
import { loadLanguage } from '../editor/languages';
import { authorMarks, textChange } from './authorMarks';
import type { FrameFile } from './protocol';

const setMarks = StateEffect.define<DecorationSet>();
const marks = StateField.define<DecorationSet>({
  create: () => authorMarks([], [], 0),
  update: (value, tr) => tr.effects.find((e) => e.is(setMarks))?.value ?? value.map(tr.changes),
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '14px', color: 'var(--fg)', backgroundColor: 'var(--bg)' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRightColor: 'var(--line)' },
});

interface Props {
  file: FrameFile | null;
  language: string;
  colours: readonly string[];
}

export function PlaybackCode({ file, language, colours }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const labelSlot = useRef(new Compartment());

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        extensions: [
          lineNumbers(),
          syntaxHighlighting(highlightStyle),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          theme,
          marks,
          languageSlot.current.of([]),
          labelSlot.current.of([]),
        ],
      }),
    });
    view.current = editor;
    // The same handle the room's editor gives tests: read `view.state.doc`.
    window.codesyncEditor = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const content = file?.content ?? '';
    const change = textChange(editor.state.doc.toString(), content);
    editor.dispatch({
      ...(change ? { changes: change } : {}),
      effects: setMarks.of(authorMarks(file?.spans ?? [], colours, content.length)),
    });
  }, [file, colours]);

  useEffect(() => {
    view.current?.dispatch({
      effects: labelSlot.current.reconfigure(
        EditorView.contentAttributes.of({ 'aria-label': `Code at the playhead: ${file?.path ?? 'no file'}` }),
      ),
    });
  }, [file?.path]);

  useEffect(() => {
    let cancelled = false;
    void loadLanguage(language).then((extension) => {
      if (!cancelled) view.current?.dispatch({ effects: languageSlot.current.reconfigure(extension) });
    });
    return () => {
      cancelled = true;
    };
  }, [language]);

  return <div className="editor playback-code" ref={host} />;
}
