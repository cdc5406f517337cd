/**
 * The landing page header's account menu: the signed-in name with links to the
 * dashboard and the account page and a sign-out button, or links to sign in and up.
 */
import { Link } from 'wouter';
import { messageOf } from '../api/client';
import { signOut, useAccount } from './session';

export function AccountMenu() {
  const state = useAccount();
  return (
    <nav className="account-menu" aria-label="Account">
      {state.status === 'signed-in' ? (
        <>
          <span className="muted">
            Signed in as <strong data-account-name>{state.account.name}</strong>
          </span>
          <Link href="/dashboard">Dashboard</Link>
          <Link href="/account">Account</Link>
          <button type="button" onClick={() => signOut().catch((error) => alert(messageOf(error)))}>
            Sign out
          </button>
        </>
      ) : state.status === 'signed-out' ? (
        <>
          <Link href="/signin">Sign in</Link>
          <Link href="/signup">Sign up</Link>
        </>
      ) : null}
    </nav>
  );
}
