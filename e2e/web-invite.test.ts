/**
 * A team invite in the browser of the colleague it was sent to, who is often not signed
 * in yet (or has no account at all): the offer to join must survive signing up or in
 * from the dashboard, and a refused join must not throw the invite away. Chromium
 * against a real `wrangler dev`; no executor.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { personPage } from './support/pages';
import { startWorker, type Worker } from './support/worker';

let worker: Worker;
let browser: Browser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker({}, 9171), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
}, 60_000);

const PASSWORD = 'correct horse battery staple';

async function inviteFrom(p: Page): Promise<string> {
  await p.goto(`${worker.url}/dashboard`);
  await p.getByRole('button', { name: 'Invite a colleague' }).click();
  return p.getByLabel('Invite link', { exact: true }).inputValue();
}

describe('a team invite in the invited colleague’s browser', () => {
  it('[MINE9] a colleague with no account opens the invite, signs up from the dashboard and is still offered the team; a refused join keeps the offer', async () => {
    const ines = await personPage(browser);
    await ines.goto(`${worker.url}/signup`);
    await ines.getByLabel('Name').fill('Ines');
    await ines.getByLabel('Email').fill('ines@example.test');
    await ines.getByLabel('Password').fill(PASSWORD);
    await ines.getByRole('button', { name: 'Sign up' }).click();
    await ines.waitForURL(`${worker.url}/`);
    const invite = await inviteFrom(ines);

    // Omar has no account: the dashboard asks him to sign in; he signs up from there.
    const omar = await personPage(browser);
    await omar.goto(invite);
    await omar.getByRole('heading', { name: 'Sign in to see your interviews' }).waitFor();
    expect(new URL(omar.url()).hash).toBe(''); // the token left the address bar
    await omar.getByRole('link', { name: 'Sign in' }).click();
    await omar.getByRole('link', { name: 'Sign up' }).click();
    await omar.getByLabel('Name').fill('Omar');
    await omar.getByLabel('Email').fill('omar@example.test');
    await omar.getByLabel('Password').fill(PASSWORD);
    await omar.getByRole('button', { name: 'Sign up' }).click();
    const joinTeam = omar.getByRole('button', { name: 'Join the team' });
    await joinTeam.waitFor();
    expect(new URL(omar.url()).hash).toBe('');
    await joinTeam.click();
    await omar.getByRole('list', { name: 'Team members' }).getByText('Ines').waitFor();

    // Pat has a team of his own when Ines invites him to hers.
    const pat = await personPage(browser);
    await pat.goto(`${worker.url}/signup`);
    await pat.getByLabel('Name').fill('Pat');
    await pat.getByLabel('Email').fill('pat@example.test');
    await pat.getByLabel('Password').fill(PASSWORD);
    await pat.getByRole('button', { name: 'Sign up' }).click();
    await pat.waitForURL(`${worker.url}/`);
    await inviteFrom(pat); // Pat's own team
    const second = await inviteFrom(ines);
    await pat.goto(`${worker.url}/`);
    await pat.goto(second);
    await pat.getByRole('button', { name: 'Join the team' }).click();
    await pat
      .getByRole('alert')
      .getByText(/already in a team/)
      .waitFor();
    // Refused, the invite was not spent (MINE5): the offer stays, so leaving first lets him join.
    await pat.getByRole('button', { name: 'Leave the team' }).click();
    await pat.getByText('You are not in a team.').waitFor();
    await pat.getByRole('button', { name: 'Join the team' }).click();
    await pat.getByRole('list', { name: 'Team members' }).getByText('Ines').waitFor();
    await Promise.all([ines.context().close(), omar.context().close(), pat.context().close()]);
  });
});
