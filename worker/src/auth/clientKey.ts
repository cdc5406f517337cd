/**
 * Who a request comes from, for per-client limits (issue #10 hole 7). Only Cloudflare's
 * edge sets CF-Connecting-IP truthfully; under `wrangler dev` any client can send it, so
 * it is trusted only when TRUST_CF_CONNECTING_IP is "true" (production config). An IPv6
 * client owns a whole /64, so its first four groups are the client.
 *
 * @example
 * clientAddress('2001:db8:7:7::1a')  // → "2001:db8:7:7::/64"
 */
import type { Env } from '../env';

/** The address a limit counts, or "local" when the header cannot be trusted. */
export function clientKeySource(request: Request, env: Pick<Env, 'TRUST_CF_CONNECTING_IP'>): string {
  if (env.TRUST_CF_CONNECTING_IP !== 'true') return 'local';
  const ip = request.headers.get('cf-connecting-ip');
  return ip ? clientAddress(ip) : 'unknown';
}

export function clientAddress(ip: string): string {
  const value = ip.trim().toLowerCase();
  if (!value.includes(':')) return value;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped?.[1]) return mapped[1];
  const [head = '', tail = ''] = value.split('::');
  const left = head ? head.split(':') : [];
  const right = value.includes('::') && tail ? tail.split(':') : [];
  const groups = value.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  const prefix = groups.slice(0, 4).map((g) => (Number.parseInt(g, 16) || 0).toString(16));
  return `${prefix.join(':')}::/64`;
}
