/**
 * The dashboard (`/dashboard`): the signed-in account's interviews and its team's,
 * newest first, a page at a time, with links to each room (opened by the session, no
 * link needed: accounts/ownership/access.ts), its report and its playback; and the team.
 */
import type { Interview } from '@codesync/worker/dashboard';
import { useCallback, useEffect, useState } from 'react';
import { listInterviews, takeInvite } from './api';
import { InterviewList } from './InterviewList';
import { TeamPanel } from './TeamPanel';

type Listed =
  | { state: 'loading' }
  | { state: 'signed-out'; message: string }
  | { state: 'failed'; message: string }
  | { state: 'ready'; interviews: Interview[]; nextCursor: string | null };

const invite = takeInvite(location, (url) => history.replaceState(null, '', url));

export function Dashboard() {
  const [listed, setListed] = useState<Listed>({ state: 'loading' });
  const [more, setMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const answer = await listInterviews(null);
    if (answer.ok) setListed({ state: 'ready', ...answer.value });
    else setListed({ state: answer.status === 401 ? 'signed-out' : 'failed', message: answer.message });
  }, []);

  useEffect(() => {
    document.title = 'Your interviews · CodeSync';
    void load();
  }, [load]);

  async function loadMore(cursor: string) {
    setMore(true);
    setMoreError(null);
    const answer = await listInterviews(cursor);
    setMore(false);
    // What is listed stays listed: the error goes beside the button, which tries again.
    if (!answer.ok) return setMoreError(answer.message);
    setListed((now) =>
      now.state === 'ready'
        ? {
            state: 'ready',
            interviews: [...now.interviews, ...answer.value.interviews],
            nextCursor: answer.value.nextCursor,
          }
        : now,
    );
  }

  if (listed.state === 'loading') return <p className="muted loading">Loading your interviews…</p>;
  if (listed.state === 'signed-out') {
    return (
      <main className="landing">
        <div className="card" role="alert">
          <h1>Sign in to see your interviews</h1>
          <p>{listed.message}</p>
          <a className="button primary" href={`/signin?next=${encodeURIComponent('/dashboard')}`}>
            Sign in
          </a>
        </div>
      </main>
    );
  }
  return (
    <main className="landing dashboard">
      <header className="dashboard-head">
        <h1>Your interviews</h1>
        <a className="button primary" href="/">
          New interview
        </a>
      </header>
      {listed.state === 'failed' ? (
        <p role="alert" className="error">
          {listed.message}
        </p>
      ) : (
        <>
          <InterviewList interviews={listed.interviews} />
          {listed.nextCursor && (
            <button type="button" disabled={more} onClick={() => loadMore(listed.nextCursor as string)}>
              {more ? 'Loading…' : 'Show older interviews'}
            </button>
          )}
          {moreError && (
            <p role="alert" className="error">
              {moreError}
            </p>
          )}
        </>
      )}
      <TeamPanel invite={invite} onChange={() => void load()} />
    </main>
  );
}
