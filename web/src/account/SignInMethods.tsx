/**
 * The account's ways in (GET /api/auth/methods): its password and each linked provider,
 * with Unlink. The server refuses to remove the last way in and says why; that answer
 * is shown as it comes.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, messageOf } from '../api/client';

interface Methods {
  password: boolean;
  identities: { issuer: string; subject: string; email: string | null; linkedAt: number }[];
}

export function SignInMethods() {
  const [methods, setMethods] = useState<Methods | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setMethods(await api<Methods>('/api/auth/methods'));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const unlink = async (issuer: string, subject: string) => {
    setBusy(subject);
    setError(null);
    try {
      setMethods(await api<Methods>('/api/auth/identities/unlink', { method: 'POST', body: { issuer, subject } }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card sign-in-methods" aria-label="Sign-in methods">
      <h2>Sign-in methods</h2>
      {methods === null && !error && <p className="muted">Loading…</p>}
      {methods && (
        <ul>
          <li className="sign-in-row">Password: {methods.password ? 'set' : 'none'}</li>
          {methods.identities.map((identity) => (
            <li key={`${identity.issuer} ${identity.subject}`} className="sign-in-row">
              {new URL(identity.issuer).host}
              {identity.email ? ` (${identity.email})` : ''}, linked {new Date(identity.linkedAt).toLocaleDateString()}{' '}
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => void unlink(identity.issuer, identity.subject)}
              >
                {busy === identity.subject ? 'Unlinking…' : 'Unlink'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
