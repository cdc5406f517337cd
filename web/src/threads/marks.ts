/**
 * The editor's side of comment threads: each open thread's range underlined in the code
 * and marked in a gutter of its own, the Comment shortcut (Ctrl+Alt+M, as in most
 * editors with comments) and the selection the Comment button acts on. The ranges come
 * from the threads' Yjs anchors (useThreads.ts); between two readings the marks move with
 * the editor's own changes, so they never lag a keystroke behind.
 *
 * @example
 * extensions: [threadMarks({ onComment: open, onSelect: setSelection })]
 * view.dispatch({ effects: setThreadMarks.of([{ id, from, to, private: false, active: false }]) });
 */
import { type Extension, RangeSet, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, GutterMarker, gutter, keymap } from '@codemirror/view';

export interface ThreadMark {
  id: string;
  from: number;
  to: number;
  private: boolean;
  /** The thread picked in the list: drawn stronger. */
  active: boolean;
}

export interface Range {
  from: number;
  to: number;
}

export const setThreadMarks = StateEffect.define<ThreadMark[]>();

class ThreadGutterMarker extends GutterMarker {
  constructor(readonly count: number) {
    super();
  }
  override eq(other: ThreadGutterMarker) {
    return other.count === this.count;
  }
  override toDOM() {
    const span = document.createElement('span');
    span.className = 'cm-thread-gutter-mark';
    span.textContent = '💬';
    span.title = this.count === 1 ? 'A comment thread starts here' : `${this.count} comment threads start here`;
    return span;
  }
}

interface Marks {
  decorations: DecorationSet;
  gutter: RangeSet<GutterMarker>;
  list: ThreadMark[];
}

function build(view: { doc: { length: number; lineAt(pos: number): { from: number } } }, list: ThreadMark[]): Marks {
  const inside = list.filter((m) => m.from >= 0 && m.to <= view.doc.length && m.to > m.from);
  const decorations = Decoration.set(
    inside.map((m) =>
      Decoration.mark({
        class: `cm-thread-mark${m.private ? ' cm-thread-private' : ''}${m.active ? ' cm-thread-active' : ''}`,
        attributes: { 'data-thread': m.id },
      }).range(m.from, m.to),
    ),
    true,
  );
  const perLine = new Map<number, number>();
  for (const m of inside) {
    const line = view.doc.lineAt(m.from).from;
    perLine.set(line, (perLine.get(line) ?? 0) + 1);
  }
  const markers = [...perLine].sort(([a], [b]) => a - b).map(([at, n]) => new ThreadGutterMarker(n).range(at));
  return { decorations, gutter: RangeSet.of(markers), list: inside };
}

const marksField = StateField.define<Marks>({
  create: () => ({ decorations: Decoration.none, gutter: RangeSet.empty, list: [] }),
  update(marks, tr) {
    for (const effect of tr.effects) if (effect.is(setThreadMarks)) return build(tr.state, effect.value);
    if (!tr.docChanged) return marks;
    const list = marks.list.map((m) => ({ ...m, from: tr.changes.mapPos(m.from, 1), to: tr.changes.mapPos(m.to, -1) }));
    return { decorations: marks.decorations.map(tr.changes), gutter: marks.gutter.map(tr.changes), list };
  },
  provide: (field) => EditorView.decorations.from(field, (marks) => marks.decorations),
});

/** The marks now drawn, for tests: `window.codesyncThreadMarks()`. */
declare global {
  interface Window {
    codesyncThreadMarks?: () => ThreadMark[];
  }
}

export function threadMarks(handlers: {
  onComment(range: Range): void;
  onSelect(range: Range | null): void;
}): Extension {
  const selected = (view: EditorView): Range | null => {
    const { from, to } = view.state.selection.main;
    return to > from ? { from, to } : null;
  };
  return [
    marksField,
    gutter({ class: 'cm-thread-gutter', markers: (view) => view.state.field(marksField).gutter }),
    keymap.of([
      {
        key: 'Ctrl-Alt-m',
        mac: 'Cmd-Alt-m',
        run: (view) => {
          const range = selected(view);
          if (range) handlers.onComment(range);
          return range !== null;
        },
      },
    ]),
    EditorView.updateListener.of((update) => {
      if (update.selectionSet || update.docChanged) handlers.onSelect(selected(update.view));
      window.codesyncThreadMarks = () => update.view.state.field(marksField).list;
    }),
  ];
}
