/**
 * Cross-site request forgery: a browser sends the session cookie (SameSite=Lax) with a
 * top-level form POST from any site, so a cookie alone never authorises a state change.
 * Every POST/PUT/PATCH/DELETE that a cookie authenticates must come from the app's own
 * origin: an `Origin` equal to PUBLIC_URL's, or, where the browser sent `Origin: null`
 * or none (a `Referrer-Policy: no-referrer` page does), `Sec-Fetch-Site: same-origin`.
 * Neither → 403 `cross_site`, in words. GET and HEAD never change state here, so pass.
 *
 * Requests authenticated by a Bearer link token are not checked: a browser never adds
 * that header by itself, so another site cannot make one.
 *
 * @example
 * auth.use('*', requireSameOrigin);                 // a whole sub-app
 * const refusal = crossSiteRefusal(c.req.raw, c.env); // or by hand: null when fine
 */
import type { MiddlewareHandler } from 'hono';
import { publicUrl } from '../config';
import type { Env } from '../env';
import { fail } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isStateChange = (request: Request) => !SAFE_METHODS.has(request.method.toUpperCase());

/** Why `request` may not change state with a cookie, or null when it comes from this app. */
export function crossSiteRefusal(request: Request, env: Pick<Env, 'PUBLIC_URL'>): string | null {
  if (!isStateChange(request)) return null;
  const origin = request.headers.get('origin');
  if (origin && origin !== 'null') {
    if (origin === publicUrl(env)) return null;
    return `This request came from ${origin}, not from CodeSync's own pages (${publicUrl(env)}): it was refused so that another site cannot act for you. Use CodeSync itself.`;
  }
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin') return null;
  return site
    ? `This request came from another site (Sec-Fetch-Site: ${site}): it was refused so that another site cannot act for you. Use CodeSync itself.`
    : 'This request does not say where it came from (no Origin or Sec-Fetch-Site header): a signed-in change must come from CodeSync’s own pages.';
}

/** Throws 403 `cross_site` for a state change from anywhere but this app. */
export function assertSameOrigin(request: Request, env: Pick<Env, 'PUBLIC_URL'>): void {
  const refusal = crossSiteRefusal(request, env);
  if (refusal) throw fail('cross_site', refusal);
}

/** Middleware form of assertSameOrigin. */
export const requireSameOrigin: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  assertSameOrigin(c.req.raw, c.env);
  await next();
};

/**
 * A GET that starts something for the signed-in account (OIDC `start?link=1`) is a
 * top-level navigation, which SameSite=Lax lets another site make with the cookie. A
 * browser says where it came from in `Sec-Fetch-Site`: `same-origin` (the app's own
 * link) and `none` (a typed address, a bookmark) pass, and so does its absence (no
 * browser: nothing to forge); `cross-site` and `same-site` are 403 `cross_site`.
 */
export function assertNotCrossSiteNavigation(request: Request): void {
  const site = request.headers.get('sec-fetch-site');
  if (site === null || site === 'same-origin' || site === 'none') return;
  throw fail(
    'cross_site',
    `This request came from another site (Sec-Fetch-Site: ${site}): it was refused so that another site cannot act for you. Use CodeSync itself.`,
  );
}
