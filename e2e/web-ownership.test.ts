/**
 * Issue 13's "done when", in Chromium against a real `wrangler dev`: an interviewer
 * signs up, creates an interview, closes the browser, signs in again in a fresh one,
 * finds the interview on the dashboard and re-opens it as the interviewer without the
 * link; a second account sees none of it, until it joins the first one's team by an
 * invite link and then watches the interview as an observer. No executor: nothing here
 * runs code.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useWebWorker } from './support/browser';
import { connected, createInterview, join, personPage } from './support/pages';

const web = useWebWorker();

const PASSWORD = 'correct horse battery staple';

async function signUp(p: Page, name: string, email: string): Promise<void> {
  await p.goto(`${web.worker.url}/signup`);
  await p.getByLabel('Name').fill(name);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill(PASSWORD);
  await p.getByRole('button', { name: 'Sign up' }).click();
  await p.waitForURL(`${web.worker.url}/`);
}

async function signIn(p: Page, email: string, next: string): Promise<void> {
  await p.goto(`${web.worker.url}/signin?next=${encodeURIComponent(next)}`);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill(PASSWORD);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForURL(`${web.worker.url}${next}`);
}

describe('accounts own their interviews, in the browser', () => {
  it('[MINE9] sign up, create, close the browser, sign in elsewhere, find it on the dashboard and re-open it as interviewer; a second account sees none of it until it joins the team, then only as an observer', async () => {
    const title = `Owned interview ${Date.now()}`;
    const first = await personPage(web.browser);
    await signUp(first, 'Ines', 'ines@example.test');
    const links = await createInterview(first, web.worker.url, 'python', title);
    const roomPath = new URL(links.interviewer).pathname;
    await first.context().close(); // the browser is gone, with its storage and the link

    const again = await personPage(web.browser);
    await signIn(again, 'ines@example.test', '/dashboard');
    const entry = again.getByRole('listitem').filter({ hasText: title });
    await entry.waitFor();
    await expect(entry.getByRole('link', { name: 'Report' }).getAttribute('href')).resolves.toBe(
      `${web.worker.url}${roomPath}/report`,
    );
    await expect(entry.getByRole('link', { name: 'Playback' }).getAttribute('href')).resolves.toBe(
      `${web.worker.url}${roomPath}/playback`,
    );
    await entry.getByRole('link', { name: 'Open the room' }).click();
    await again.waitForURL(`${web.worker.url}${roomPath}`);
    expect(new URL(again.url()).hash).toBe(''); // no link token anywhere
    await join(again, again.url(), 'Ines');
    await connected(again);
    // Only the interviewer can end the interview: the session made this page the interviewer.
    await again.getByRole('button', { name: 'End interview' }).waitFor();
    // Its report opens the same way, without a token.
    await again.goto(`${web.worker.url}${roomPath}/report`);
    await again.getByRole('heading', { name: title, level: 1 }).waitFor();

    const other = await personPage(web.browser);
    await signUp(other, 'Omar', 'omar@example.test');
    await other.goto(`${web.worker.url}/dashboard`);
    await other.getByText('No interviews yet').waitFor();
    expect(await other.getByText(title).count()).toBe(0);
    await other.goto(`${web.worker.url}${roomPath}`);
    await other.getByRole('heading', { name: 'This room link is incomplete' }).waitFor();
    expect(await other.locator('.cm-content').count()).toBe(0);

    // Ines invites Omar to her team from her dashboard; the link works once.
    await again.goto(`${web.worker.url}/dashboard`);
    await again.getByRole('button', { name: 'Invite a colleague' }).click();
    const invite = await again.getByLabel('Invite link', { exact: true }).inputValue();
    expect(invite).toMatch(/\/dashboard#invite=[A-Za-z0-9_-]{43}$/);
    await other.goto(invite);
    const joinTeam = other.getByRole('button', { name: 'Join the team' });
    await joinTeam.waitFor();
    expect(new URL(other.url()).hash).toBe(''); // the token left the address bar
    await joinTeam.click();
    await other.getByRole('list', { name: 'Team members' }).getByText('Ines').waitFor({ timeout: 60_000 });
    const shared = other.getByRole('listitem').filter({ hasText: title });
    await shared.getByText('Ines’s (team)').waitFor();
    await shared.getByRole('link', { name: 'Open the room' }).click();
    await other.waitForURL(`${web.worker.url}${roomPath}`);
    await join(other, other.url(), 'Omar');
    await other.getByText('You are observing').waitFor();
    expect(await other.getByRole('button', { name: 'End interview' }).count()).toBe(0);
    await Promise.all([again.context().close(), other.context().close()]);
  }, 180_000);
});
