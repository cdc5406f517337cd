/**
 * The form a new thread is written in, for the range the Comment button or the shortcut
 * picked. The interviewer may make it private (kept in the panel, never shown to the
 * candidate); an observer's thread can only be private (observers never write the room).
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';

interface Props {
  quote: string;
  /** null: shared only; 'choice': a Private box; 'only': private only. */
  privacy: null | 'choice' | 'only';
  onSubmit(text: string, isPrivate: boolean): string | null;
  onCancel(): void;
}

export function Composer({ quote, privacy, onSubmit, onCancel }: Props) {
  const [text, setText] = useState('');
  const [isPrivate, setPrivate] = useState(privacy === 'only');
  const [problem, setProblem] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(onSubmit(text, isPrivate));
  }
  return (
    <form className="thread-composer" onSubmit={submit} aria-label="New comment">
      <blockquote className="thread-quote">{quote.length > 120 ? `${quote.slice(0, 120)}…` : quote}</blockquote>
      <textarea
        ref={area}
        value={text}
        aria-label="Comment"
        placeholder="Write a comment…"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      />
      {privacy === 'choice' && (
        <label>
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} /> Private: only the
          interviewer and observers see it
        </label>
      )}
      {privacy === 'only' && <p className="muted">Private: only the interviewer and observers see it.</p>}
      {problem && (
        <p className="notice-inline" role="alert">
          {problem}
        </p>
      )}
      <div className="thread-actions">
        <button type="submit" className="primary" disabled={!text.trim()}>
          Comment
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
