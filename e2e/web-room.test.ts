/**
 * Issue 9 in Chromium, three people at once: rename with content, redo, a network
 * blip, sharing and replacing links, presence, and the shared stdin.
 */
import * as decoding from 'lib0/decoding';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { decodeAwarenessUpdate } from '../worker/src/room/awareness';
import { editorText, useWebStack, waitInPage } from './support/browser';
import { connected, createInterview, join, personPage, toEnd } from './support/pages';
import { until } from './support/worker';

const web = useWebStack();

const tabs = (p: Page) => p.getByRole('navigation', { name: 'Files' });
const tab = (p: Page, path: string) => tabs(p).getByRole('button', { name: path, exact: true });
const people = (p: Page) => p.getByRole('region', { name: 'People in the room' });

/** The client ids a presence frame speaks for; null for any other frame. */
function presenceIds(payload: string | Buffer): number[] | null {
  if (typeof payload === 'string' || payload[0] !== 1) return null;
  const update = decoding.readVarUint8Array(decoding.createDecoder(payload.subarray(1)));
  return decodeAwarenessUpdate(update).map((entry) => entry.clientId);
}

describe('three people in one room', () => {
  let interviewer: Page;
  let candidate: Page;
  let observer: Page;
  let links: Awaited<ReturnType<typeof createInterview>>;

  beforeAll(async () => {
    [interviewer, candidate, observer] = await Promise.all([
      personPage(web.browser),
      personPage(web.browser),
      personPage(web.browser),
    ]);
    links = await createInterview(interviewer, web.stack.worker.url);
    await join(interviewer, links.interviewer, 'Ian');
    await join(candidate, links.candidate, 'Cara');
    await join(observer, links.observer, 'Olga');
  }, 60_000);

  it('[DOC1] a file with content renamed while another person types in it keeps its text, the concurrent edit and undo', async () => {
    await candidate.getByRole('button', { name: 'New file' }).click();
    await candidate.getByLabel('File name').fill('util.py');
    await candidate.getByRole('button', { name: 'OK' }).click();
    await toEnd(candidate);
    await candidate.keyboard.type('def helper():\n    return 42\n');
    await tab(interviewer, 'util.py').click();
    await waitInPage(interviewer, 'the helper', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().includes('return 42')),
    );
    await toEnd(interviewer);
    // Ian keeps typing while Cara renames the file under him.
    const typing = interviewer.keyboard.type('# checked by Ian\n', { delay: 40 });
    await candidate.getByRole('button', { name: 'Rename util.py' }).click();
    await candidate.getByLabel('File name').fill('helpers.py');
    await candidate.getByRole('button', { name: 'OK' }).click();
    await typing;
    for (const p of [interviewer, candidate, observer]) {
      await tab(p, 'helpers.py').waitFor();
      expect(await tab(p, 'util.py').count()).toBe(0);
    }
    await tab(observer, 'helpers.py').click();
    for (const p of [interviewer, candidate, observer]) {
      await waitInPage(p, 'both edits', () => {
        const text = window.codesyncEditor?.state.doc.toString() ?? '';
        return text.includes('return 42') && text.includes('# checked by Ian');
      });
    }
    // Cara's undo still knows her typing after the rename, and leaves Ian's alone.
    await candidate.locator('.cm-content').click();
    await candidate.keyboard.press('Control+z');
    await waitInPage(observer, 'the undo', () => !window.codesyncEditor?.state.doc.toString().includes('return 42'));
    expect(await editorText(observer)).toContain('# checked by Ian');
    // A real keyboard sends "Z" with Shift held (Playwright's "z" would be Ctrl+Z to CodeMirror).
    await candidate.keyboard.press('Control+Shift+Z');
    await waitInPage(observer, 'the redo', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().includes('return 42')),
    );
    for (const p of [interviewer, candidate, observer]) await tab(p, 'main.py').click();
  });

  it('[WEB1] redo works with Ctrl+Shift+Z and Ctrl+Y', async () => {
    await toEnd(candidate);
    await candidate.keyboard.type('answer = 41\n');
    await waitInPage(interviewer, 'the typing', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().includes('answer = 41')),
    );
    await candidate.keyboard.press('Control+z');
    await waitInPage(
      interviewer,
      'the undo',
      () => !window.codesyncEditor?.state.doc.toString().includes('answer = 41'),
    );
    await candidate.keyboard.press('Control+Shift+Z');
    await waitInPage(interviewer, 'redo (Ctrl+Shift+Z)', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().includes('answer = 41')),
    );
    await candidate.keyboard.press('Control+z');
    await waitInPage(
      interviewer,
      'the second undo',
      () => !window.codesyncEditor?.state.doc.toString().includes('answer = 41'),
    );
    await candidate.keyboard.press('Control+y');
    await waitInPage(interviewer, 'redo (Ctrl+Y)', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().includes('answer = 41')),
    );
  });

  it('[DOC7] stdin is shared by the room, kept across a reload, and runs with the code', async () => {
    const box = interviewer.getByLabel('Input (stdin)');
    expect((await box.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(80);
    await box.fill('3 4\n5 6\n');
    await until(
      async () => (await candidate.getByLabel('Input (stdin)').inputValue()) === '3 4\n5 6\n',
      'stdin at the candidate',
    );
    await until(
      async () => (await observer.getByLabel('Input (stdin)').inputValue()) === '3 4\n5 6\n',
      'stdin at the observer',
    );
    await candidate.reload();
    await candidate.locator('.cm-content').waitFor();
    await connected(candidate);
    await until(
      async () => (await candidate.getByLabel('Input (stdin)').inputValue()) === '3 4\n5 6\n',
      'stdin after reload',
    );
    await candidate.getByRole('button', { name: /^Run/ }).click();
    for (const p of [candidate, observer]) {
      await p.locator('.console .badge[data-verdict]').waitFor({ timeout: 30_000 });
      expect(await p.locator('.console .stdin-used').textContent()).toContain('3 4');
    }
    await box.fill('');
  }, 120_000); // a reload and a run: room for a reload as slow as PAGE_LOAD_MS allows

  it('[WEB5] a person in two tabs is listed once; names show on cursors without hovering; colours differ', async () => {
    const second = await interviewer.context().newPage();
    await join(second, links.interviewer, 'Ian');
    await people(candidate).getByText('Ian').first().waitFor();
    // Give the second tab's presence time to arrive, then count.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await people(candidate).locator('li', { hasText: 'Ian' }).count()).toBe(1);
    await second.close();

    // The two editors' cursors (an observer's read-only editor has none to show).
    for (const p of [interviewer, candidate]) {
      await p.locator('.cm-content').click();
      await p.mouse.move(0, 0);
    }
    for (const [p, other] of [
      [interviewer, 'Cara'],
      [candidate, 'Ian'],
    ] as const) {
      const label = p.locator('.cm-ySelectionInfo', { hasText: other });
      await label.waitFor({ state: 'attached' });
      // Not hovered: the name is shown anyway.
      await until(async () => (await label.evaluate((el) => getComputedStyle(el).opacity)) === '1', `${other} shown`);
    }
    const colour = (p: Page) =>
      p.evaluate(() => (window.codesyncConnection?.awareness.getLocalState()?.user as { color?: string })?.color);
    await until(async () => {
      const all = await Promise.all([interviewer, candidate, observer].map(colour));
      return all.every(Boolean) && new Set(all).size === 3;
    }, 'three different cursor colours');
  });

  it('[WEB2] after a 3-second network blip Run works again without a reload', async () => {
    await candidate.context().setOffline(true);
    await new Promise((r) => setTimeout(r, 3_000));
    await candidate.context().setOffline(false);
    const run = candidate.getByRole('button', { name: /^Run/ });
    await until(async () => run.isEnabled(), 'Run enabled again', 20_000);
    await connected(candidate);
    const before = await candidate.locator('.history li').count();
    await run.click();
    await until(async () => (await candidate.locator('.history li').count()) > before, 'a new run', 20_000);
    await candidate.locator('.console .badge[data-verdict]').waitFor({ timeout: 30_000 });
  }, 60_000);

  it('[SYNC19] a page sends only its own presence, never back the cursor moves it hears', async () => {
    const page = await personPage(web.browser);
    const stock = new Y.Doc();
    const sent: number[][] = [];
    let heard = 0;
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/api/rooms/')) return;
      ws.on('framesent', ({ payload }) => {
        const ids = presenceIds(payload);
        if (ids) sent.push(ids);
      });
      ws.on('framereceived', ({ payload }) => {
        if (presenceIds(payload)?.includes(stock.clientID)) heard += 1;
      });
    });
    await join(page, links.candidate, 'Pia');
    const room = new URL(links.candidate);
    const token = new URLSearchParams(room.hash.slice(1)).get('token') ?? '';
    // Another person's cursor moving, as a stock y-websocket client sends it.
    const provider = new WebsocketProvider(
      `${web.stack.worker.wsUrl}${room.pathname.replace('/r/', '/api/rooms/')}`,
      'ws',
      stock,
      {
        params: { token, name: 'Stock' },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      },
    );
    const moves = 10;
    for (let i = 1; i <= moves; i++) {
      provider.awareness.setLocalStateField('cursor', { anchor: i, head: i });
      await until(() => heard >= i, `the page to hear cursor move ${i}`, 15_000);
    }
    // The page's own keystroke after the last move: frames leave in order, so every echo
    // of those moves would have been sent before it.
    const own = sent.length;
    await toEnd(page);
    await page.keyboard.type('#');
    await until(() => sent.length > own, 'the page to send its own cursor', 15_000);
    expect(sent.flat()).not.toContain(stock.clientID);
    provider.destroy();
    await page.close();
  }, 60_000);

  it("[SYNC9] a dead connection leaves everyone's list within 30 s", async () => {
    const room = new URL(links.candidate);
    const token = new URLSearchParams(room.hash.slice(1)).get('token') ?? '';
    // A client whose network died: it opened a socket and then never says anything again.
    const ghost = new WebSocket(
      `${web.stack.worker.wsUrl}${room.pathname.replace('/r/', '/api/rooms/')}/ws?token=${token}&name=Ghost`,
    );
    await new Promise((resolve, reject) => {
      ghost.once('open', resolve);
      ghost.once('error', reject);
    });
    ghost.on('message', () => {});
    await people(interviewer).getByText('Ghost').waitFor();
    // Stop reading and answering at the TCP level, as a dropped network would.
    (ghost as unknown as { _socket: { pause(): void } })._socket.pause();
    const since = Date.now();
    await people(interviewer).getByText('Ghost').waitFor({ state: 'detached', timeout: 40_000 });
    expect(Date.now() - since).toBeLessThanOrEqual(35_000);
    // The living stay.
    expect(await people(interviewer).getByText('Cara').count()).toBe(1);
    ghost.terminate();
  }, 60_000);

  it('[WEB3] the interviewer shows and copies every link from the room, and replacing one locks the old one out', async () => {
    await interviewer.getByRole('button', { name: 'Share links' }).click();
    const shared = interviewer.getByRole('region', { name: 'Links to share' });
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      expect(await shared.getByLabel(`${role} link`, { exact: true }).inputValue()).toBe(links[role]);
      await shared.getByRole('button', { name: `Copy ${role} link` }).waitFor();
    }
    expect(await candidate.getByRole('button', { name: 'Share links' }).count()).toBe(0);
    await shared.getByRole('button', { name: 'Replace candidate link' }).click();
    await until(
      async () => (await shared.getByLabel('candidate link', { exact: true }).inputValue()) !== links.candidate,
      'a new candidate link',
    );
    const fresh = await shared.getByLabel('candidate link', { exact: true }).inputValue();
    expect(fresh.startsWith(`${web.stack.worker.url}/r/`)).toBe(true);
    // The candidate on the old link is told, and the old link no longer opens the room.
    await candidate.getByText('This room cannot be opened').waitFor({ timeout: 15_000 });
    const res = await fetch(`${web.stack.worker.url}/api/rooms/${new URL(links.candidate).pathname.slice(3)}`, {
      headers: { authorization: `Bearer ${new URLSearchParams(new URL(links.candidate).hash.slice(1)).get('token')}` },
    });
    expect(res.status).toBe(401);
    // The new link works (in a new tab: the same page with a new #fragment would not reload);
    // the interviewer and the observer were never disconnected.
    const rejoined = await candidate.context().newPage();
    await join(rejoined, fresh, 'Cara');
    await connected(observer);
    // Leaving the room and coming back still shows the links (they are kept in this web.browser).
    await interviewer.reload();
    await interviewer.locator('.cm-content').waitFor();
    await interviewer.getByRole('button', { name: 'Share links' }).click();
    expect(
      await interviewer
        .getByRole('region', { name: 'Links to share' })
        .getByLabel('candidate link', { exact: true })
        .inputValue(),
    ).toBe(fresh);
  }, 60_000);
});
