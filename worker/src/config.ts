/**
 * Configuration the worker reads from its environment, checked where it is used.
 * Addresses the service gives out (share links, the executor's callback URL) come
 * from PUBLIC_URL only, never from a request's Host header: a forged Host must not
 * be able to point an executor's signed callbacks, or a link, anywhere else.
 */
import type { Env } from './env';

export class ConfigError extends Error {}

/** The worker's public origin, e.g. https://codesync.example.com (no trailing slash). */
export function publicUrl(env: Pick<Env, 'PUBLIC_URL'>): string {
  const value = env.PUBLIC_URL;
  if (!value) throw new ConfigError('PUBLIC_URL is not set: set it to the address people open CodeSync at.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('PUBLIC_URL must be http(s).');
  return url.origin;
}
