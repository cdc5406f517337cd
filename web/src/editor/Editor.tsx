/**
 * A CodeMirror 6 view bound to one shared file through `yCollab` (remote cursors and
 * selections with names, per-user undo through Y.UndoManager, not CodeMirror's
 * history). The view is created once per file and destroyed on cleanup; language and
 * read-only mode switch through compartments.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic as CmDiagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import type { Diagnostic } from '@codesync/executor/api';
import { type FileId, fileById } from '@codesync/worker/doc';
import { useEffect, useRef } from 'react';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';
import type { RoomConnection } from '../room/connection';
import { type Range, threadMarks } from '../threads/marks';
import { highlightStyle } from './highlight';
import { loadLanguage } from './languages';
import { sizeGuard, sizeMeter } from './sizeGuard';

interface Props {
  connection: RoomConnection;
  fileId: FileId;
  /** The file's name now (it may be renamed while open): for diagnostics and the label. */
  path: string;
  language: string;
  readOnly: boolean;
  diagnostics: readonly Diagnostic[];
  /** Take the keyboard when opened (a file the person just created or renamed). */
  autoFocus?: boolean;
  /** Comment threads: the view (marks are drawn into it) and the Comment shortcut (web/src/threads/). */
  onView?(view: EditorView | null): void;
  threadHandlers?: { onComment(range: Range): void; onSelect(range: Range | null): void };
}

declare global {
  interface Window {
    /** The open editor, for tests and debugging: read `view.state.doc`. */
    codesyncEditor?: EditorView;
  }
}

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '14px', color: 'var(--fg)', backgroundColor: 'var(--bg)' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRightColor: 'var(--line)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
});

export function Editor(props: Props) {
  const { connection, fileId, path, language, readOnly, diagnostics, autoFocus, onView, threadHandlers } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const readOnlySlot = useRef(new Compartment());
  const labelSlot = useRef(new Compartment());

  // The view is bound to one file (by id: a rename keeps it); read-only and language
  // are reconfigured below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: readOnly and the label are applied by their own effects
  useEffect(() => {
    const text = fileById(connection.doc, fileId)?.text;
    if (!host.current || !text) return;
    const undoManager = new Y.UndoManager(text);
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          drawSelection(),
          indentOnInput(),
          syntaxHighlighting(highlightStyle),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          keymap.of([
            ...yUndoManagerKeymap,
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...searchKeymap,
            ...completionKeymap,
            indentWithTab,
          ]),
          lintGutter(),
          theme,
          labelSlot.current.of(EditorView.contentAttributes.of({ 'aria-label': `Code editor: ${path}` })),
          languageSlot.current.of([]),
          readOnlySlot.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          sizeGuard(connection, fileId),
          sizeMeter(connection),
          yCollab(text, connection.awareness, { undoManager }),
          threadHandlers ? threadMarks(threadHandlers) : [],
        ],
      }),
    });
    view.current = editor;
    window.codesyncEditor = editor;
    onView?.(editor);
    return () => {
      onView?.(null);
      editor.destroy();
      undoManager.destroy();
      view.current = null;
    };
  }, [connection, fileId]);

  useEffect(() => {
    if (autoFocus) view.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    view.current?.dispatch({
      effects: labelSlot.current.reconfigure(EditorView.contentAttributes.of({ 'aria-label': `Code editor: ${path}` })),
    });
  }, [path]);

  useEffect(() => {
    let cancelled = false;
    void loadLanguage(language).then((extension) => {
      if (!cancelled) view.current?.dispatch({ effects: languageSlot.current.reconfigure(extension) });
    });
    return () => {
      cancelled = true;
    };
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({
      effects: readOnlySlot.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
    });
  }, [readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const doc = editor.state.doc;
    const marks: CmDiagnostic[] = diagnostics
      .filter((d) => d.path === path && d.line >= 1 && d.line <= doc.lines)
      .map((d) => {
        const line = doc.line(d.line);
        const from = Math.min(line.from + Math.max(0, d.column - 1), line.to);
        return { from, to: Math.max(from, line.to), severity: d.severity, message: d.message, source: d.source };
      });
    editor.dispatch(setDiagnostics(editor.state, marks));
  }, [diagnostics, path]);

  return <div className="editor" ref={host} />;
}
