/**
 * The interviewer's links, from inside the room: show and copy each role's link, and
 * replace a leaked one (the server stores a new token hash and closes the sockets
 * that joined with the old link). Links come from this browser (savedLinks.ts): the
 * server never keeps a readable token, so a link this browser never had can only be
 * replaced, which makes a new one.
 */
import { ROLES, type Role } from '@codesync/worker/roles';
import { useState } from 'react';
import { type SavedLinks, savedLinks } from '../room/savedLinks';
import { CopyButton } from './CopyButton';

const ROLE_HELP: Record<Role, string> = {
  interviewer: 'You: edit, run, and end the interview.',
  candidate: 'For the candidate: edit and run.',
  observer: 'For colleagues who watch: read only.',
};

interface Props {
  roomId: string;
  /** Asks the server for a new link for `role`; answers it (and keeps it in this browser). */
  replace(role: Role): Promise<string>;
}

export function ShareLinks({ roomId, replace }: Props) {
  const [links, setLinks] = useState<SavedLinks>(() => savedLinks(roomId));
  const [busy, setBusy] = useState<Role | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function onReplace(role: Role) {
    const warning =
      role === 'interviewer'
        ? 'Replace your own link? This page reopens with the new one; the old one stops working.'
        : `Replace the ${role} link? Whoever joined with the old one is disconnected and it stops working.`;
    if (!confirm(warning)) return;
    setBusy(role);
    setProblem(null);
    try {
      const link = await replace(role);
      setLinks((old) => ({ ...old, [role]: link }));
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card links share" aria-label="Links to share">
      <h2>Links to share</h2>
      {ROLES.map((role) => (
        <div className="link-row" key={role}>
          <div>
            <strong className={`role role-${role}`}>{role}</strong>
            <span className="help">{ROLE_HELP[role]}</span>
          </div>
          <div className="link-line">
            {links[role] ? (
              <>
                <input readOnly value={links[role]} aria-label={`${role} link`} onFocus={(e) => e.target.select()} />
                <CopyButton text={links[role]} label={`Copy ${role} link`} />
              </>
            ) : (
              <span className="muted">Not kept in this browser: replace it to get a new link.</span>
            )}
            <button type="button" disabled={busy !== null} onClick={() => void onReplace(role)}>
              {busy === role ? 'Replacing…' : `Replace ${role} link`}
            </button>
          </div>
        </div>
      ))}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </section>
  );
}
