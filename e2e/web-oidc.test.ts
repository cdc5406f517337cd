/**
 * Signing in with the test issuer in Chromium: the sign-in page's button, the issuer's
 * own login form, and back to CodeSync signed in (SPEC OIDC12, OIDC13).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { type OidcStack, startOidcStack } from './support/oidcStack';
import { createInterview, personPage } from './support/pages';

let stack: OidcStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startOidcStack(9167);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

/** On /signin: presses "Sign in with Test ID" and logs in at the issuer as `login`. */
async function signInWithIssuer(page: Page, login: string): Promise<void> {
  await page.goto(`${stack.worker.url}/signin`);
  await page.getByRole('link', { name: 'Sign in with Test ID' }).click();
  await page.waitForURL((url) => url.origin === stack.issuer.url, { timeout: 30_000 });
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.origin === stack.worker.url, { timeout: 30_000 });
}

const me = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/api/auth/me');
    return res.ok ? ((await res.json()) as { account: { email: string; name: string } }).account : null;
  });

describe('signing in with an OpenID Connect issuer in a browser', () => {
  it('[OIDC12] the sign-in page offers the issuer; logging in there lands on the dashboard, signed in', async () => {
    const page = await personPage(browser);
    await signInWithIssuer(page, 'browsing-ada');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    expect(await me(page)).toMatchObject({ email: 'browsing-ada@users.test', name: 'browsing-ada' });
    await page.context().close();
  });

  it('[OIDC13] a refused sign-in shows the browser a page in words with the way back to sign in', async () => {
    const owner = stack.person();
    await owner.passwordAccount('taken@example.test');
    stack.issuer.users.set('taken-at-issuer', { email: 'taken@example.test', email_verified: true, name: 'Taken' });
    const page = await personPage(browser);
    await signInWithIssuer(page, 'taken-at-issuer');
    await expect
      .poll(() => page.locator('#oidc-error').textContent(), { timeout: 15_000 })
      .toContain('Sign in with your password first, then link Test ID from your account page.');
    expect(await me(page)).toBeNull();
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.getByRole('link', { name: 'Sign in with Test ID' }).waitFor({ timeout: 15_000 });
    await page.context().close();
  });

  it('[OIDC12] an interviewer signed in through the issuer creates an interview, closes the browser, signs in there again and finds it on the dashboard; another issuer account sees none of it', async () => {
    const title = `Issuer interview ${Date.now()}`;
    const first = await personPage(browser);
    await signInWithIssuer(first, 'owning-olga');
    const links = await createInterview(first, stack.worker.url, 'python', title);
    const roomPath = new URL(links.interviewer).pathname;
    await first.context().close(); // the browser is gone, with its cookie and the link

    const again = await personPage(browser);
    await signInWithIssuer(again, 'owning-olga');
    const entry = again.getByRole('listitem').filter({ hasText: title });
    await entry.waitFor({ timeout: 15_000 });
    await expect(entry.getByRole('link', { name: 'Open the room' }).getAttribute('href')).resolves.toBe(
      `${stack.worker.url}${roomPath}`,
    );

    const other = await personPage(browser);
    await signInWithIssuer(other, 'other-oscar');
    await other.getByText('No interviews yet').waitFor({ timeout: 15_000 });
    expect(await other.getByText(title).count()).toBe(0);
    await Promise.all([again.context().close(), other.context().close()]);
  });
  it('[OIDC16] the account page lists a linked provider and unlinks it; the issuer then signs in to that account no more', async () => {
    const email = `unlinking-${crypto.randomUUID().slice(0, 8)}@example.test`;
    await stack.person().passwordAccount(email, 'correct horse battery staple');
    const page = await personPage(browser);
    await page.goto(`${stack.worker.url}/signin?next=/account`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/account', { timeout: 30_000 });
    await page.getByRole('link', { name: 'Link Test ID' }).click();
    await page.waitForURL((url) => url.origin === stack.issuer.url, { timeout: 30_000 });
    await page.locator('input[name="login"]').fill('unlinking-kim');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((url) => url.origin === stack.worker.url, { timeout: 30_000 });
    await page.goto(`${stack.worker.url}/account`);
    const methods = page.getByRole('region', { name: 'Sign-in methods' });
    await methods.getByText('unlinking-kim@users.test').waitFor({ timeout: 15_000 });
    await methods.getByRole('button', { name: 'Unlink' }).click();
    await expect.poll(() => methods.getByRole('button', { name: 'Unlink' }).count(), { timeout: 15_000 }).toBe(0);
    expect(await methods.textContent()).toContain('Password: set');
    // The issuer's person no longer lands in the password account: a new account is theirs.
    const other = await personPage(browser);
    await signInWithIssuer(other, 'unlinking-kim');
    expect(await me(other)).toMatchObject({ email: 'unlinking-kim@users.test' });
    expect((await me(page))?.email).toBe(email);
    await page.context().close();
    await other.context().close();
    // Two people, a password account (scrypt) and four page loads: one slow load under a full run is not a failure.
  }, 120_000);
});
