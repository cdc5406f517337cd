/**
 * "Sign in with <provider>" (or, on the account page, "Link <provider>"), shown only
 * when the server has an OpenID Connect issuer (`GET /api/auth/providers`). A plain
 * link, not a fetch: the sign-in is a chain of top-level navigations through the issuer
 * (worker/src/routes/oidc.ts), which ends on /dashboard.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';

interface Providers {
  oidc: { name: string; start: string } | null;
}

export function OidcButton({ link = false }: { link?: boolean }) {
  const [provider, setProvider] = useState<Providers['oidc']>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<Providers>('/api/auth/providers', { signal: controller.signal })
      .then((providers) => setProvider(providers.oidc))
      // Without the list the page still offers the password form; the console says why.
      .catch((error) => controller.signal.aborted || console.warn('no sign-in providers', error));
    return () => controller.abort();
  }, []);
  if (!provider) return null;
  return (
    <p className="oidc-sign-in">
      <a className="button" href={link ? `${provider.start}?link=1` : provider.start}>
        {link ? `Link ${provider.name}` : `Sign in with ${provider.name}`}
      </a>
    </p>
  );
}
