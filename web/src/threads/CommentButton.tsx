/** The editor's Comment button: starts a thread on the selected code (also Ctrl+Alt+M). */
import type { ThreadsUi } from './useThreadsUi';

export function CommentButton({ ui, allowed }: { ui: ThreadsUi; allowed: boolean }) {
  if (!allowed) return null;
  const { selection } = ui;
  return (
    <button
      type="button"
      className="comment-button"
      disabled={!selection}
      title={selection ? 'Comment on the selected code (Ctrl+Alt+M)' : 'Select code to comment on it'}
      onClick={() => selection && ui.setComposing(selection)}
    >
      💬 Comment
    </button>
  );
}
