/**
 * Who may create an interview (issue 13): with `REQUIRE_ACCOUNT=true` (production)
 * only a signed-in account, so every interview has an owner who can find it again;
 * with it unset or "false" (local dev) anyone, as before, and a signed-in creator still
 * owns what they create. Candidates and observers always join by link: this is asked
 * only where an interview is created.
 *
 * @example
 * const ownerId = await creatorOf(c); // the account id, null (anonymous), or 401 not_signed_in
 */
import type { Context } from 'hono';
import { ConfigError } from '../../config';
import type { Env } from '../../env';
import { fail } from '../../errors';
import { currentAccount } from '../current';

/** Whether creating needs an account; a value other than "true"/"false" is a configuration error. */
export function accountRequired(env: Pick<Env, 'REQUIRE_ACCOUNT'>): boolean {
  const value = env.REQUIRE_ACCOUNT?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ConfigError(`REQUIRE_ACCOUNT must be "true" or "false", not "${env.REQUIRE_ACCOUNT}".`);
}

/** The account that will own what this request creates (CSRF-checked), or null when anonymous creation is allowed. */
export async function creatorOf(c: Context<{ Bindings: Env }>): Promise<string | null> {
  const required = accountRequired(c.env);
  const account = await currentAccount(c);
  if (account) return account.id;
  if (required) {
    throw fail(
      'not_signed_in',
      'Sign in to create an interview: on this server every interview belongs to an account. Candidates and observers still join by link without one.',
    );
  }
  return null;
}
