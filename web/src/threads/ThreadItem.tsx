/**
 * One thread in the list: where it is (or that its code or file was deleted), its
 * comments, a reply box and Resolve / Reopen. Clicking the header jumps to the range.
 */
import { type FormEvent, useState } from 'react';
import type { ShownThread } from './useThreads';

interface Props {
  thread: ShownThread;
  active: boolean;
  canWrite: boolean;
  onJump(): void;
  onReply(text: string): string | null;
  onResolve(resolved: boolean): void;
}

export function placeWords(thread: ShownThread): string {
  switch (thread.place.kind) {
    case 'live':
      return thread.place.path;
    case 'code_deleted':
      return `${thread.place.path}: the code this was about was deleted`;
    case 'file_deleted':
      return 'The file this was about was deleted';
    default: {
      const unreachable: never = thread.place;
      return unreachable;
    }
  }
}

export function ThreadItem({ thread, active, canWrite, onJump, onReply, onResolve }: Props) {
  const [reply, setReply] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    const wrong = onReply(reply);
    setProblem(wrong);
    if (!wrong) setReply('');
  }
  const live = thread.place.kind === 'live';
  return (
    <li
      className={`thread${active ? ' active' : ''}${thread.private ? ' private' : ''}`}
      data-thread={thread.id}
      aria-label={`Thread by ${thread.author}`}
    >
      <button type="button" className="thread-place" onClick={onJump} disabled={!live}>
        {thread.private && <span className="thread-tag">private</span>}
        {thread.resolved && <span className="thread-tag">resolved</span>}
        <span className={live ? '' : 'thread-gone'}>{placeWords(thread)}</span>
      </button>
      <ol className="thread-comments">
        {thread.replies.map((r) => (
          <li key={r.id}>
            <strong>{r.author}</strong> <span className="muted">{r.role}</span>
            <p>{r.text}</p>
          </li>
        ))}
      </ol>
      {canWrite && (
        <>
          <form className="thread-reply" onSubmit={submit}>
            <input
              className="thread-reply-input"
              value={reply}
              placeholder="Reply…"
              aria-label="Reply"
              onChange={(e) => setReply(e.target.value)}
            />
            <button type="submit" disabled={!reply.trim()}>
              Reply
            </button>
          </form>
          <button type="button" onClick={() => onResolve(!thread.resolved)}>
            {thread.resolved ? 'Reopen' : 'Resolve'}
          </button>
        </>
      )}
      {problem && (
        <p className="notice-inline" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
