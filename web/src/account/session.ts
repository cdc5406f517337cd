/**
 * Who is signed in, for every page: one store (GET /api/auth/me, read once and after
 * each change) that components read with useSyncExternalStore, and the account's
 * actions. The session itself is an HttpOnly cookie this code never sees.
 *
 * @example
 * const account = useAccount();            // {status: 'signed-in', account} | …
 * await signIn(email, password);            // throws ApiError with the server's words
 */
import { useSyncExternalStore } from 'react';
import { ApiError, api } from '../api/client';

export interface Account {
  id: string;
  email: string | null;
  name: string;
}

export type AccountState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; account: Account }
  /** /me could not be read (unreachable): neither signed in nor out for sure. */
  | { status: 'unknown'; message: string };

let state: AccountState = { status: 'loading' };
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: AccountState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** Reads /api/auth/me again (after a sign-in or out, or on first use). */
export function refreshAccount(): Promise<void> {
  loading ??= api<{ account: Account }>('/api/auth/me')
    .then(
      ({ account }) => set({ status: 'signed-in', account }),
      (error: unknown) =>
        set(
          error instanceof ApiError && error.status === 401
            ? { status: 'signed-out' }
            : { status: 'unknown', message: (error as Error).message },
        ),
    )
    .finally(() => {
      loading = null;
    });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (state.status === 'loading') void refreshAccount();
  return () => listeners.delete(listener);
}

export function useAccount(): AccountState {
  return useSyncExternalStore(subscribe, () => state);
}

/** Creates the account (the answer never says whether the email was taken), then signs in. */
export async function signUp(email: string, password: string, name: string): Promise<Account> {
  await api('/api/auth/signup', { method: 'POST', body: { email, password, name } });
  try {
    return await signIn(email, password);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'bad_credentials') {
      throw new ApiError(
        error.status,
        error.code,
        'Could not sign you in with this email and password. If you already have an account, sign in with its password.',
      );
    }
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<Account> {
  const { account } = await api<{ account: Account }>('/api/auth/signin', {
    method: 'POST',
    body: { email, password },
  });
  set({ status: 'signed-in', account });
  return account;
}

export async function signOut(everywhere = false): Promise<void> {
  await api(everywhere ? '/api/auth/signout-everywhere' : '/api/auth/signout', { method: 'POST' });
  set({ status: 'signed-out' });
}

export async function changePassword(current: string, next: string): Promise<void> {
  await api('/api/auth/password', { method: 'POST', body: { current, next } });
}

/** Where to go after signing in: `?next=` when it is a path of this app, else home. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  // Only a local path: `//evil.example`, `/\\evil.example`, `https://…`, or `/<TAB>/evil.example`
  // (URL parsing drops the tab) would send the person elsewhere. Resolved as a browser would.
  const here = 'https://codesync.invalid';
  return next.startsWith('/') && new URL(next, here).origin === here ? next : '/';
}
