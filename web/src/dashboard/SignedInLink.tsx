/**
 * A room page (or its report) opened without a link token: a signed-in owner re-opens
 * their interview as the interviewer, a colleague of their team as an observer, by the
 * session cookie alone (the server decides: accounts/ownership/access.ts). The page then
 * runs with an empty token, so the app's client (api/client.ts) sends no `Authorization`
 * and the cookie speaks; its sockets still open with tickets bought that way. Anyone
 * else sees `fallback` (the page that says the link is incomplete).
 */
import { type ReactNode, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { RoomLink } from '../room/link';

/** The token of a page opened through the account: none. */
export const ACCOUNT_TOKEN = '';

export function SignedInLink({
  roomId,
  fallback,
  children,
}: {
  roomId: string;
  fallback: ReactNode;
  children: (link: RoomLink) => ReactNode;
}) {
  const [access, setAccess] = useState<'asking' | 'yes' | 'no'>('asking');
  useEffect(() => {
    let live = true;
    // No token: the client sends none, so the session cookie speaks (or nothing does).
    api(`/api/rooms/${roomId}`).then(
      () => live && setAccess('yes'),
      () => live && setAccess('no'),
    );
    return () => {
      live = false;
    };
  }, [roomId]);
  if (access === 'asking') return <p className="muted loading">Opening the interview…</p>;
  return access === 'yes' ? children({ roomId, token: ACCOUNT_TOKEN }) : fallback;
}
