/**
 * The room page's connection in Chromium when the room is out of reach or slow: a
 * connection that is not open keeps trying and says so (the cause of LIM15's stall),
 * and a slow room shows "Catching up…" (issue 19 item 5).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitInPage } from './support/browser';
import { connected, join, personPage } from './support/pages';
import { slowPath } from './support/slowPath';
import { createRoom, roomFiles, startWorker, until, type Worker } from './support/worker';

let worker: Worker;
let browser: Browser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
}, 60_000);

describe('a connection that is not open', () => {
  it('[WEB13] a first connection whose ticket cannot be bought keeps trying, says so, and connects once the room is back', async () => {
    const room = await createRoom(worker);
    const p = await personPage(browser);
    await p.goto(room.links.candidate);
    await p.getByLabel('Your name, as others will see it').fill('Cara');
    // The server goes away between loading the page and joining: the first ticket
    // fetch fails. The provider used to give up on that for good (no socket, no retry).
    await worker.stop();
    try {
      await p.getByRole('button', { name: 'Join' }).click();
      await waitInPage(p, 'the badge saying it keeps trying', () =>
        Boolean(document.querySelector('[data-status]')?.textContent?.includes('still trying')),
      );
    } finally {
      await worker.restart(); // the next tests need it, whatever happened here
    }
    await connected(p, 30_000);
    await p.locator('.cm-content').click();
    await p.keyboard.press('Control+Home');
    await p.keyboard.type('# after the outage\n');
    await until(
      async () => (await roomFiles(worker, room))['main.py']?.startsWith('# after the outage\n'),
      'the typing after the outage',
    );
    await p.context().close();
  }, 90_000);
});

describe('a handshake nobody answers', () => {
  it('[WEB13] a socket whose handshake the room never answers is given up and tried again; the badge says it keeps trying', async () => {
    const room = await createRoom(worker);
    const path = await slowPath(worker.url);
    try {
      const p = await personPage(browser);
      path.swallowUpgrades(true); // tickets are bought; the socket's upgrade hangs
      await p.goto(path.via(room.links.candidate));
      await p.getByLabel('Your name, as others will see it').fill('Cara');
      await p.getByRole('button', { name: 'Join' }).click();
      await waitInPage(
        p,
        'the badge saying it keeps trying',
        () => Boolean(document.querySelector('[data-status]')?.textContent?.includes('still trying')),
        30_000,
      );
      path.swallowUpgrades(false);
      await connected(p, 30_000);
      expect(path.swallowed).toBeGreaterThanOrEqual(1);
      await p.context().close();
    } finally {
      await path.close();
    }
  }, 90_000);
});

describe('a slow room', () => {
  it('[WEB14] past a one-second round trip the page says it is catching up, and stops saying so when answers are quick again', async () => {
    const room = await createRoom(worker);
    const path = await slowPath(worker.url);
    try {
      const p = await personPage(browser);
      await join(p, path.via(room.links.candidate), 'Cara');
      path.setDelay(1_500); // every answer from the room now arrives 1.5 s late
      // The page measures while the room is in use: type.
      await p.locator('.cm-content').click();
      await p.keyboard.type('# slow\n');
      await waitInPage(p, '"Catching up…"', () =>
        Boolean(document.querySelector('[data-catching-up]')?.textContent?.includes('Catching up')),
      );
      // Slow, not lost: the connection itself stays up.
      await waitInPage(
        p,
        'still connected',
        () => document.querySelector('[data-status]')?.getAttribute('data-status') === 'connected',
      );
      path.setDelay(0);
      await p.keyboard.type('# quick again\n');
      await waitInPage(p, 'the catching-up notice to clear', () => !document.querySelector('[data-catching-up]'));
      await connected(p);
      await p.context().close();
    } finally {
      await path.close();
    }
  }, 60_000);
});
