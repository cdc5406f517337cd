/**
 * The room page's connection in Chromium when the room is out of reach or slow: a
 * connection that is not open keeps trying and says so (the cause of LIM15's stall),
 * a slow room shows "Catching up…" (issue 19 item 5), and a person on a slow path is
 * shown slow to the others and to themselves (issue 17 item 3).
 *
 * Slow paths are a TCP relay on loopback that holds what the server sends
 * (support/slowPath.ts), so the runtime's `pong` reaches the page late as it would over
 * a long link. Chromium's own emulation (CDP `Network.emulateNetworkConditions` with
 * `latency`) was tried first: in Chromium 156 it delays HTTP but not WebSocket frames,
 * old or new sockets alike (the page kept measuring 1–4 ms under 400 ms of latency).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SLOW_MS } from '../web/src/room/health';
import { useWebWorker, waitInPage } from './support/browser';
import { connected, join, personPage } from './support/pages';
import { slowPath } from './support/slowPath';
import { apiOf, createRoom, roomFiles, until } from './support/worker';

const web = useWebWorker();

describe('a connection that is not open', () => {
  it('[WEB13] a first connection whose ticket cannot be bought keeps trying, says so, and connects once the room is back', async () => {
    const room = await createRoom(web.worker);
    const p = await personPage(web.browser);
    await p.goto(room.links.candidate);
    await p.getByLabel('Your name, as others will see it').fill('Cara');
    // The server goes away between loading the page and joining: the first ticket
    // fetch fails. The provider used to give up on that for good (no socket, no retry).
    await web.worker.stop();
    try {
      await p.getByRole('button', { name: 'Join' }).click();
      await waitInPage(p, 'the badge saying it keeps trying', () =>
        Boolean(document.querySelector('[data-status]')?.textContent?.includes('still trying')),
      );
    } finally {
      await web.worker.restart(); // the next tests need it, whatever happened here
    }
    await connected(p, 30_000);
    await p.locator('.cm-content').click();
    await p.keyboard.press('Control+Home');
    await p.keyboard.type('# after the outage\n');
    await until(
      async () => (await roomFiles(web.worker, room))['main.py']?.startsWith('# after the outage\n'),
      'the typing after the outage',
    );
    await p.context().close();
  }, 90_000);
});

describe('a handshake nobody answers', () => {
  it('[WEB13] a socket whose handshake the room never answers is given up and tried again; the badge says it keeps trying', async () => {
    const room = await createRoom(web.worker);
    const path = await slowPath(web.worker.url);
    try {
      const p = await personPage(web.browser);
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
    const room = await createRoom(web.worker);
    const path = await slowPath(web.worker.url);
    try {
      const p = await personPage(web.browser);
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

/** How late everything from the server reaches the throttled page: well past SLOW_MS. */
const LATENCY_MS = 600;

/** What `p`'s people list says of `name`'s connection (data-health), or null. */
function healthOf(p: Page, name: string): Promise<string | null> {
  return p.evaluate(
    (who) =>
      Array.from(document.querySelectorAll('.people li'))
        .find((li) => li.textContent?.includes(who))
        ?.querySelector('[data-health]')
        ?.getAttribute('data-health') ?? null,
    name,
  );
}

describe('connection health: a participant on a slow path', () => {
  it('[HLT5] is shown as slow beside their name on the other page, sees their own banner, and both clear when the network is quick again', async () => {
    const room = await createRoom(web.worker);
    const path = await slowPath(web.worker.url);
    const ian = await personPage(web.browser);
    const cara = await personPage(web.browser);
    await join(ian, room.links.interviewer, 'Ian');
    await join(cara, path.via(room.links.candidate), 'Cara');
    // Both measured and shared before the network changes: each page shows the other good.
    await until(async () => (await healthOf(ian, 'Cara')) === 'good', "Cara's connection measured at Ian's page");

    path.setDelay(LATENCY_MS);
    await until(async () => (await healthOf(ian, 'Cara')) === 'slow', "Cara shown slow at Ian's page", 30_000);
    await waitInPage(cara, "Cara's own banner", () =>
      Boolean(document.querySelector('.health-banner[data-health="slow"]')?.textContent?.includes('slow')),
    );
    const title = await ian.evaluate(
      () =>
        Array.from(document.querySelectorAll('.people li'))
          .find((li) => li.textContent?.includes('Cara'))
          ?.querySelector('[data-health]')
          ?.getAttribute('title') ?? '',
    );
    const shown = Number(/round trip (\d+) ms/.exec(title)?.[1]);
    expect(shown).toBeGreaterThanOrEqual(SLOW_MS);
    // In words, not colour alone.
    expect(await ian.locator('.people li', { hasText: 'Cara' }).getByText('slow', { exact: true }).isVisible()).toBe(
      true,
    );
    // The room knows it too, from Cara's presence: no other message carried it.
    const api = apiOf(web.worker);
    const online = await until(async () => {
      const res = await api(`/api/rooms/${room.roomId}`, { token: room.tokens.interviewer });
      const body = (await res.json()) as { online: { name: string; rttMs: number | null }[] };
      const figure = body.online.find((person) => person.name === 'Cara')?.rttMs ?? 0;
      return figure >= SLOW_MS ? body.online : null;
    }, "Cara's slow figure in GET /api/rooms/:roomId");
    expect(online.find((person) => person.name === 'Ian')?.rttMs).not.toBeNull();

    // Ian is not throttled: his page shows no banner of its own.
    expect(await ian.locator('.health-banner').count()).toBe(0);

    path.setDelay(0);
    await waitInPage(cara, "Cara's banner to clear", () => !document.querySelector('.health-banner'), 30_000);
    await until(async () => (await healthOf(ian, 'Cara')) === 'good', "Cara good again at Ian's page", 30_000);
    await ian.context().close();
    await cara.context().close();
    await path.close();
  }, 120_000);
});
