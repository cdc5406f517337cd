/**
 * The threads list beside the code: open / resolved, a click jumps to the range (opening
 * its file), the composer for a new thread, and the marks drawn into the open editor.
 * Every change goes through the doc modules (room/threads.ts, panel/privateThreads.ts);
 * the server's gate checks shared threads again and the panel's gate private ones.
 */
import { EditorView } from '@codemirror/view';
import type { FileId } from '@codesync/worker/doc';
import type { Peer } from '@codesync/worker/messages';
import { createPrivateThread, replyPrivately, setPrivateResolved } from '@codesync/worker/private-threads';
import { createThread, replyTo, setResolved } from '@codesync/worker/threads';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { Composer } from './Composer';
import { setThreadMarks } from './marks';
import { ThreadItem } from './ThreadItem';
import { type ShownThread, useThreads } from './useThreads';
import type { ThreadsUi } from './useThreadsUi';

interface Props {
  doc: Y.Doc;
  ui: ThreadsUi;
  you: Peer | null;
  /** May write shared threads (an editor in an active room). */
  canShare: boolean;
  /** May write private threads (interviewer, observers; the panel is open). */
  canPrivate: boolean;
  openFile: FileId | null;
  onOpenFile(id: FileId): void;
}

export function ThreadsPane({ doc, ui, you, canShare, canPrivate, openFile, onOpenFile }: Props) {
  const panelDoc = ui.panel?.doc ?? null;
  const threads = useThreads(doc, panelDoc);
  const [filter, setFilter] = useState<'open' | 'resolved'>('open');
  const [active, setActive] = useState<string | null>(null);
  const [pendingJump, setPendingJump] = useState<string | null>(null);
  const { view, composing, setComposing } = ui;
  const canWrite = (t: ShownThread) => (t.private ? canPrivate : canShare);

  useEffect(() => {
    if (!view) return;
    const marks = threads
      .filter((t) => t.file === openFile && t.place.kind === 'live' && (!t.resolved || t.id === active))
      .map((t) => ({
        id: t.id,
        from: t.place.kind === 'live' ? t.place.from : 0,
        to: t.place.kind === 'live' ? t.place.to : 0,
        private: t.private,
        active: t.id === active,
      }));
    view.dispatch({ effects: setThreadMarks.of(marks) });
  }, [view, threads, openFile, active]);

  useEffect(() => {
    const thread = threads.find((t) => t.id === pendingJump);
    if (!view || !thread || thread.file !== openFile || thread.place.kind !== 'live') return;
    const { from, to } = thread.place;
    view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
    view.focus();
    setPendingJump(null);
  }, [view, threads, openFile, pendingJump]);

  function jump(thread: ShownThread) {
    setActive(thread.id);
    if (thread.file !== openFile) onOpenFile(thread.file);
    setPendingJump(thread.id);
  }

  function create(text: string, isPrivate: boolean): string | null {
    if (!composing || !openFile || !you) return 'Select the code the comment is about first.';
    // A private comment never falls back to the shared doc, even if the panel closed meanwhile.
    if (isPrivate && !panelDoc) return 'The panel is not connected: private comments wait until it is.';
    const input = { file: openFile, ...composing, text, author: you.name, role: you.role };
    const made = isPrivate && panelDoc ? createPrivateThread(panelDoc, doc, input) : createThread(doc, input);
    if (!made.ok) return made.problem;
    setComposing(null);
    setFilter('open');
    setActive(made.id);
    return null;
  }

  const shown = threads.filter((t) => (filter === 'open' ? !t.resolved : t.resolved));
  const privacy = canPrivate ? (canShare ? 'choice' : 'only') : null;
  return (
    <section className="threads" aria-label="Comment threads">
      <h2 className="threads-title">Comments</h2>
      {composing && view && (canShare || canPrivate) && (
        <Composer
          quote={view.state.sliceDoc(composing.from, composing.to)}
          privacy={privacy}
          onSubmit={create}
          onCancel={() => setComposing(null)}
        />
      )}
      <div className="thread-filter" role="radiogroup" aria-label="Show">
        {(['open', 'resolved'] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="thread-filter" checked={filter === f} onChange={() => setFilter(f)} />
            {f === 'open' ? 'Open' : 'Resolved'} ({threads.filter((t) => t.resolved === (f === 'resolved')).length})
          </label>
        ))}
      </div>
      {shown.length === 0 && <p className="muted">No {filter} threads. Select code and press Comment (Ctrl+Alt+M).</p>}
      <ul className="thread-list">
        {shown.map((t) => (
          <ThreadItem
            key={`${t.private ? 'p' : 's'}:${t.id}`}
            thread={t}
            active={t.id === active}
            canWrite={canWrite(t) && you !== null}
            onJump={() => jump(t)}
            onReply={(text) => {
              if (!you) return 'Not connected yet.';
              if (t.private && !panelDoc) return 'The panel is not connected: private replies wait until it is.';
              const input = { text, author: you.name, role: you.role };
              const done = t.private && panelDoc ? replyPrivately(panelDoc, t.id, input) : replyTo(doc, t.id, input);
              return done.ok ? null : done.problem;
            }}
            onResolve={(resolved) =>
              t.private && panelDoc ? setPrivateResolved(panelDoc, t.id, resolved) : setResolved(doc, t.id, resolved)
            }
          />
        ))}
      </ul>
    </section>
  );
}
