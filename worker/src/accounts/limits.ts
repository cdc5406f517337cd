/**
 * The limits of accounts: passwords and sign-in rates, OpenID Connect flows, teams and
 * the dashboard's pages (the room's and runs' limits are in ../limits.ts).
 */

/**
 * Ownership and teams (accounts/ownership/, accounts/teams/). The dashboard asks each
 * listed room's Durable Object (and its panel's) for the candidate and the verdict, so a
 * page is small: DASHBOARD_PAGE_SIZE by default, at most DASHBOARD_MAX_PAGE_SIZE.
 */
export const DASHBOARD_PAGE_SIZE = 20;
export const DASHBOARD_MAX_PAGE_SIZE = 50;
/** A team invite link works once, for this long: long enough for a colleague's inbox. */
export const TEAM_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Unspent invites one team may hold at once; past it 429 until some are used or expire. */
export const MAX_PENDING_TEAM_INVITES = 20;
/** Accounts one team holds: "small teams" (issue 13); an invite past it is refused. */
export const MAX_TEAM_MEMBERS = 50;

// --- OpenID Connect sign-in (accounts/oidc/) ---

/** How long a sign-in at the issuer may take, from start to callback (its cookie and row live this long). */
export const OIDC_FLOW_TTL_MS = 10 * 60 * 1000;
/** How long the issuer's discovery document is kept before it is fetched again. */
export const OIDC_DISCOVERY_TTL_MS = 60 * 60 * 1000;
/**
 * Sign-ins one client (auth/clientKey.ts) may start with the issuer per AUTH_RATE_WINDOW_SECONDS:
 * each start writes a flow row, so a script cannot fill D1; a person needs a handful.
 */
export const OIDC_STARTS_PER_CLIENT = 60;
/** An issuer's subject identifier is at most 255 ASCII characters (OpenID Connect Core, the `sub` claim). */
export const MAX_OIDC_SUBJECT_CHARS = 255;

// ---- Accounts: sign-in and sign-up (worker/src/accounts/, SPEC § 30) ------------------

/**
 * Password length in characters: 10 at least (NIST SP 800-63B asks 8; no composition
 * rules, which only make passwords easier to guess), 200 at most, so a sign-in cannot
 * hand the KDF a megabyte.
 */
export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_CHARS = 200;
/** An email address's longest form (RFC 5321 path limit). */
export const MAX_EMAIL_CHARS = 254;
/** An account's display name, in characters. */
export const MAX_ACCOUNT_NAME_CHARS = 80;

/**
 * Rate limits on the password endpoints, in one sliding window (accounts/attempts.ts).
 * Per account: failed sign-ins (and wrong current passwords) for one email; successes do
 * not count, so someone who types their password right is never locked out by the
 * count, and a guesser gets 10 tries per quarter hour. Per client (auth/clientKey.ts):
 * every sign-in, failed or not, so one address cannot spray many accounts. Sign-ups:
 * per email and per client, since each costs a KDF run and proves whether an email is
 * free (SPEC ACCT6).
 */
export const AUTH_RATE_WINDOW_SECONDS = 15 * 60;
export const SIGNIN_FAILURES_PER_ACCOUNT = 10;
export const SIGNINS_PER_CLIENT = 30;
export const SIGNUPS_PER_EMAIL = 3;
export const SIGNUPS_PER_CLIENT = 10;
