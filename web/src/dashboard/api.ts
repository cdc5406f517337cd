/**
 * The dashboard's calls: the account's interviews (`GET /api/rooms`) and its team
 * (`/api/teams`), through the app's one client: the session cookie goes with them by
 * itself; no token is sent or kept here. A refusal comes back as its words and status.
 */
import type { InterviewPage, InviteAnswer, TeamAnswer } from '@codesync/worker/dashboard';
import { ApiError, api, type CallOptions, messageOf } from '../api/client';

export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

/** One call through the app's client (api/client.ts), its refusal as words and a status. */
async function call<T>(path: string, options: CallOptions = {}): Promise<Answer<T>> {
  try {
    return { ok: true, value: await api<T>(path, options) };
  } catch (error) {
    return { ok: false, status: error instanceof ApiError ? error.status : 0, message: messageOf(error) };
  }
}

const post = <T>(path: string, body?: unknown) => call<T>(path, { method: 'POST', body });

export const listInterviews = (cursor: string | null) =>
  call<InterviewPage>(`/api/rooms${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
export const readTeam = () => call<TeamAnswer>('/api/teams');
export const inviteColleague = () => post<InviteAnswer>('/api/teams/invites');
export const joinTeam = (token: string) => post<TeamAnswer>('/api/teams/join', { token });
export const leaveTeam = () => post<TeamAnswer>('/api/teams/leave');

/** Where an invite waits, in this tab only, while its colleague signs up or in (a full page load). */
const KEPT_INVITE = 'codesync.invite';

/**
 * The invite token a `/dashboard#invite=<token>` link carries, taken out of the address
 * bar at once (like a room's token) so it does not show while sharing a screen. It is
 * kept in the tab's sessionStorage until `forgetInvite`: a colleague who is not signed in
 * yet goes through /signin or /signup (page loads) and must still find the offer.
 */
export function takeInvite(
  place: { hash: string },
  replaceUrl: (url: string) => void,
  kept: Pick<Storage, 'getItem' | 'setItem'> | null = tabStorage(),
): string | null {
  const token = new URLSearchParams(place.hash.replace(/^#/, '')).get('invite');
  if (!token) return kept?.getItem(KEPT_INVITE) ?? null;
  replaceUrl('/dashboard');
  kept?.setItem(KEPT_INVITE, token);
  return token;
}

/** The invite was used, or can never be: it is no longer offered. */
export function forgetInvite(kept: Pick<Storage, 'removeItem'> | null = tabStorage()): void {
  kept?.removeItem(KEPT_INVITE);
}

function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch (error) {
    // Storage blocked (a privacy setting): the invite still works on this page load.
    console.warn('sessionStorage unavailable; an invite will not survive signing in', error);
    return null;
  }
}
