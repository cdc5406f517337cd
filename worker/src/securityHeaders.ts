/**
 * Headers every answer carries (issue #10 hole 12): the worker's own responses through
 * the middleware below, the web app's static assets through the `_headers` file that
 * web/vite.config.ts writes from this same table at build time.
 *
 * The CSP allows only this origin: scripts are Vite's module files, the socket is
 * same-origin (`'self'` covers ws(s): in CSP 3). Styles also allow inline because
 * CodeMirror writes its theme into <style> elements and cursors use style attributes.
 */
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The `_headers` file for Workers static assets: the same headers on every path. */
export function assetHeadersFile(): string {
  const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return [
    `/*\n${lines.join('\n')}`,
    // Vite puts a content hash in every name under /assets: a changed file gets a new name.
    '/assets/*\n  Cache-Control: public, max-age=31536000, immutable',
    '',
  ].join('\n');
}

/** Adds SECURITY_HEADERS to every response the worker makes (not to a WebSocket upgrade). */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status === 101) return;
  // Responses from a Durable Object's fetch have immutable headers: copy first.
  c.res = new Response(c.res.body, c.res);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
};
