/** `/signin`: email and password; then where `?next=` says, or home. */
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { OidcButton } from './OidcButton';
import { nextPath, signIn } from './session';
import { FormError, useSubmit } from './useSubmit';

export function SignInPage() {
  const [, navigate] = useLocation();
  const search = useSearch();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    await signIn(email, password);
    navigate(nextPath(search));
  });
  return (
    <main className="landing account-page">
      <h1>Sign in</h1>
      <form className="card" onSubmit={onSubmit}>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <FormError error={error} />
      </form>
      <OidcButton />
      <p className="muted">
        No account yet? <Link href={`/signup${search ? `?${search}` : ''}`}>Sign up</Link> ·{' '}
        <Link href="/">Back to CodeSync</Link>
      </p>
    </main>
  );
}
