/** `/signup`: name, email and a password of at least MIN_PASSWORD_CHARS; signs in at once. */

import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from '@codesync/worker/account-limits';
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { nextPath, signUp } from './session';
import { FormError, useSubmit } from './useSubmit';

export function SignUpPage() {
  const [, navigate] = useLocation();
  const search = useSearch();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    await signUp(email, password, name);
    navigate(nextPath(search));
  });
  return (
    <main className="landing account-page">
      <h1>Create your account</h1>
      <form className="card" onSubmit={onSubmit}>
        <label>
          Name
          <input autoComplete="name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
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
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_CHARS}
            maxLength={MAX_PASSWORD_CHARS}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <p className="muted">At least {MIN_PASSWORD_CHARS} characters; a few words you will remember work well.</p>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Sign up'}
        </button>
        <FormError error={error} />
      </form>
      <p className="muted">
        Have an account? <Link href={`/signin${search ? `?${search}` : ''}`}>Sign in</Link> ·{' '}
        <Link href="/">Back to CodeSync</Link>
      </p>
    </main>
  );
}
