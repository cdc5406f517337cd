/** `/account`: who is signed in, change the password, the ways in, sign out here or everywhere. */

import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from '@codesync/worker/account-limits';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { OidcButton } from './OidcButton';
import { SignInMethods } from './SignInMethods';
import { changePassword, signOut, useAccount } from './session';
import { FormError, useSubmit } from './useSubmit';

export function AccountPage() {
  const state = useAccount();
  const [, navigate] = useLocation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const change = useSubmit(async () => {
    setChanged(false);
    await changePassword(current, next);
    setCurrent('');
    setNext('');
    setChanged(true);
  });
  const everywhere = useSubmit(async () => {
    await signOut(true);
    navigate('/signin');
  });

  if (state.status === 'loading') return <p className="muted loading">Loading your account…</p>;
  if (state.status !== 'signed-in') {
    return (
      <main className="landing account-page">
        <h1>Your account</h1>
        <p role="alert">
          {state.status === 'unknown' ? state.message : 'You are not signed in.'}{' '}
          <Link href="/signin?next=/account">Sign in</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="landing account-page">
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{state.account.name}</strong> ({state.account.email}) ·{' '}
        <Link href="/dashboard">Dashboard</Link> · <Link href="/">New interview</Link>
      </p>
      <form className="card" onSubmit={change.onSubmit}>
        <h2>Change password</h2>
        <label>
          Current password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          New password
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_CHARS}
            maxLength={MAX_PASSWORD_CHARS}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={change.busy}>
          {change.busy ? 'Changing…' : 'Change password'}
        </button>
        {changed && (
          <p role="status">Your password is changed. Every other browser signed in to this account was signed out.</p>
        )}
        <FormError error={change.error} />
      </form>
      <form className="card" onSubmit={everywhere.onSubmit}>
        <h2>Sign out everywhere</h2>
        <p className="muted">Ends every session of this account, on every device, this one too.</p>
        <button type="submit" disabled={everywhere.busy}>
          Sign out everywhere
        </button>
        <FormError error={everywhere.error} />
      </form>
      <SignInMethods />
      <OidcButton link />
    </main>
  );
}
