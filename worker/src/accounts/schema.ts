/**
 * What the password endpoints accept (routes/auth.ts), with messages that name the
 * field and the fix. Emails are trimmed and lower-cased before anything compares them.
 */
import { z } from 'zod';
import { readableName } from '../readableName';
import { MAX_ACCOUNT_NAME_CHARS, MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from './limits';

export const email = z
  .string({ error: 'must be an email address' })
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_CHARS, `must be at most ${MAX_EMAIL_CHARS} characters`)
  .pipe(z.email({ error: 'must be an email address, like ada@example.com' }));

/** A new password: length is the only rule (limits.ts says why). */
export const newPassword = z
  .string({ error: 'must be a string' })
  .min(MIN_PASSWORD_CHARS, `must be at least ${MIN_PASSWORD_CHARS} characters`)
  .max(MAX_PASSWORD_CHARS, `must be at most ${MAX_PASSWORD_CHARS} characters`);

/** A password being checked: any length up to the cap (older rules may have allowed shorter). */
const givenPassword = z
  .string({ error: 'must be a string' })
  .min(1, 'is empty: type your password')
  .max(MAX_PASSWORD_CHARS, `must be at most ${MAX_PASSWORD_CHARS} characters`);

export const signUpBody = z.object({
  email,
  password: newPassword,
  name: z
    .string({ error: 'must be a string' })
    .overwrite(readableName) // control and text-direction characters go: colleagues read it as written
    .min(1, 'is empty: say what to call you')
    .max(MAX_ACCOUNT_NAME_CHARS, `must be at most ${MAX_ACCOUNT_NAME_CHARS} characters`),
});

export const signInBody = z.object({ email, password: givenPassword });

export const passwordChangeBody = z.object({ current: givenPassword, next: newPassword });
