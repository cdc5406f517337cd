/**
 * The account's team: its members, a one-time invite link to send a colleague, leaving.
 * A `/dashboard#invite=…` link shows an offer to join that team first.
 */
import type { InviteAnswer, TeamAnswer } from '@codesync/worker/dashboard';
import { useEffect, useState } from 'react';
import { CopyButton } from '../people/CopyButton';
import { type Answer, forgetInvite, inviteColleague, joinTeam, leaveTeam, readTeam } from './api';

export function TeamPanel({ invite, onChange }: { invite: string | null; onChange: () => void }) {
  const [team, setTeam] = useState<TeamAnswer['team'] | undefined>(undefined);
  const [pendingInvite, setPendingInvite] = useState(invite);
  const [link, setLink] = useState<InviteAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void readTeam().then((answer) => (answer.ok ? setTeam(answer.value.team) : setError(answer.message)));
  }, []);

  async function act(run: () => Promise<Answer<TeamAnswer>>): Promise<Answer<TeamAnswer>> {
    setError(null);
    const answer = await run();
    if (!answer.ok) {
      setError(answer.message);
      return answer;
    }
    setTeam(answer.value.team);
    setLink(null);
    onChange(); // the list now holds (or no longer holds) the team's interviews
    return answer;
  }

  /** Joined, or refused for good (400: used, expired, not valid): the offer goes. Else (409, no answer) it stays. */
  async function join(token: string) {
    const answer = await act(() => joinTeam(token));
    if (answer.ok || answer.status === 400) {
      forgetInvite();
      setPendingInvite(null);
    }
  }

  return (
    <section className="card team" aria-label="Your team">
      <h2>Your team</h2>
      {pendingInvite && (
        <section className="team-invite" aria-label="Team invite">
          <p>A colleague invited you to their team: you will see each other’s interviews and reports.</p>
          <button type="button" className="primary" onClick={() => join(pendingInvite)}>
            Join the team
          </button>
        </section>
      )}
      {team === undefined ? (
        <p className="muted">Loading…</p>
      ) : team === null ? (
        <p className="muted">You are not in a team. Invite a colleague to start one.</p>
      ) : (
        <ul aria-label="Team members">
          {team.members.map((m) => (
            <li key={m.accountId}>
              {m.name}
              {m.you ? ' (you)' : m.email ? ` · ${m.email}` : ''}
            </li>
          ))}
        </ul>
      )}
      <div className="team-actions">
        <button
          type="button"
          onClick={async () => {
            setError(null);
            const answer = await inviteColleague();
            if (!answer.ok) return setError(answer.message);
            setLink(answer.value);
            void readTeam().then((t) => t.ok && setTeam(t.value.team));
          }}
        >
          Invite a colleague
        </button>
        {team && (
          <button type="button" onClick={() => act(leaveTeam)}>
            Leave the team
          </button>
        )}
      </div>
      {link && (
        <div className="link-line">
          <input readOnly aria-label="Invite link" value={link.link} />
          <CopyButton text={link.link} label="Copy the invite link" />
        </div>
      )}
      {link && <p className="help">Works once, until {new Date(link.expiresAt).toLocaleDateString()}.</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
