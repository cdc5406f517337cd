/**
 * What the editor and the threads list share on the room page: the open editor's view
 * (marks are drawn into it, a click in the list jumps in it), the selection the Comment
 * button acts on, the range a new thread is being written for, and the panel's
 * connection (private threads; only the interviewer and observers ever have one).
 *
 * @example
 * const threads = useThreadsUi();
 * <Editor {...props} onView={threads.setView} threadHandlers={threads.handlers} />
 */
import type { EditorView } from '@codemirror/view';
import { useMemo, useState } from 'react';
import type { PanelConnection } from '../panel/panelConnection';
import type { Range } from './marks';

export interface ThreadsUi {
  view: EditorView | null;
  setView(view: EditorView | null): void;
  selection: Range | null;
  /** The range a new thread is being written for (the Comment button or shortcut set it). */
  composing: Range | null;
  setComposing(range: Range | null): void;
  panel: PanelConnection | null;
  setPanel(panel: PanelConnection | null): void;
  /** For the editor's threadMarks extension. */
  handlers: { onComment(range: Range): void; onSelect(range: Range | null): void };
}

export function useThreadsUi(): ThreadsUi {
  const [view, setView] = useState<EditorView | null>(null);
  const [selection, setSelection] = useState<Range | null>(null);
  const [composing, setComposing] = useState<Range | null>(null);
  const [panel, setPanel] = useState<PanelConnection | null>(null);
  const handlers = useMemo(() => ({ onComment: setComposing, onSelect: setSelection }), []);
  return { view, setView, selection, composing, setComposing, panel, setPanel, handlers };
}
