/**
 * The dashboard under a server that stops answering: what it already shows stays shown.
 * Chromium against a real `wrangler dev` that is stopped between two pages of the list.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_PAGE_SIZE } from '../worker/src/accounts/limits';
import { launchChromium } from './support/browser';
import { personPage } from './support/pages';
import { startWorker, type Worker } from './support/worker';

let worker: Worker;
let browser: Browser;

beforeAll(async () => {
  // Per-client room limits count by address here, so one test can make a page and a half of rooms.
  [worker, browser] = await Promise.all([startWorker({ TRUST_CF_CONNECTING_IP: 'true' }, 9172), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
}, 60_000);

describe('the dashboard when the server stops answering', () => {
  it('[MINE2] a failed "Show older interviews" says so and keeps the interviews already listed', async () => {
    const page = await personPage(browser);
    await page.goto(`${worker.url}/signup?next=/dashboard`);
    await page.getByLabel('Name').fill('Ines');
    await page.getByLabel('Email').fill('ines@example.test');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${worker.url}/dashboard`);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    for (let i = 0; i <= DASHBOARD_PAGE_SIZE; i++) {
      const res = await fetch(`${worker.url}/api/rooms`, {
        method: 'POST',
        headers: {
          cookie,
          origin: worker.url,
          'content-type': 'application/json',
          'cf-connecting-ip': `127.0.9.${i}`,
        },
        body: JSON.stringify({ title: `Interview ${String(i).padStart(2, '0')}` }),
      });
      expect(res.status).toBe(201);
    }
    await page.reload();
    await page.getByText(`Interview ${DASHBOARD_PAGE_SIZE}`).waitFor();
    await worker.stop();
    await page.getByRole('button', { name: 'Show older interviews' }).click();
    // Its own alert, not the team panel's (which may fail too now that the server is down).
    const reach = /reach/i;
    await expect
      .poll(
        async () =>
          (await page.getByRole('alert').filter({ hasText: reach }).count()) -
          (await page.getByRole('region', { name: 'Your team' }).getByRole('alert').filter({ hasText: reach }).count()),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    // The first page is still there, and the button to try again.
    await page.getByText(`Interview ${DASHBOARD_PAGE_SIZE}`).waitFor();
    await page.getByRole('button', { name: 'Show older interviews' }).waitFor();
    await page.context().close();
  });
});
