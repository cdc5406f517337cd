/**
 * The interviewer's links, from inside the room: show and copy each role's link, and
 * replace a leaked one (the server stores a new token hash and closes the sockets
 * that joined with the old link). Links come from this browser (savedLinks.ts): the
 * server never keeps a readable token, so a link this browser never had can only be
 * replaced, which makes a new one.
 */
import type { Role } from '@codesync/worker/roles';
import { useState } from 'react';
import { type SavedLinks, savedLinks } from '../room/savedLinks';
import { LinkList } from './LinkList';

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
    <LinkList
      heading="Links to share"
      className="share"
      links={links}
      missing="Not kept in this browser: replace it to get a new link."
      rowActions={(role) => (
        <button type="button" disabled={busy !== null} onClick={() => void onReplace(role)}>
          {busy === role ? 'Replacing…' : `Replace ${role} link`}
        </button>
      )}
    >
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </LinkList>
  );
}
