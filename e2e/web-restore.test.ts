/**
 * Restore points, the zip and the fork in Chromium against a real `wrangler dev`: the
 * interviewer restores the files to the moment before a run and both people's editors
 * show it, "Undo restore" brings the files back; the candidate downloads the zip and
 * finds the files in it; the interviewer's fork opens a new room with the files; the
 * playback page restores to its playhead. No executor: a run is recorded (its restore
 * point) and fails unreachable, which is all this needs.
 */

import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorText, launchChromium, waitInPage } from './support/browser';
import { join, personPage, toEnd } from './support/pages';
import { apiOf, type CreatedRoom, createRoom, startWorker, until, type Worker } from './support/worker';

let worker: Worker;
let browser: Browser;

beforeAll(async () => {
  // Nothing listens on the discard port: runs end unreachable, and no other executor is asked.
  [worker, browser] = await Promise.all([startWorker({ EXECUTOR_URL: 'http://127.0.0.1:9' }), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
}, 60_000);

/** Types at the end of the open file, as a person does. */
async function typeAtEnd(p: Page, text: string): Promise<void> {
  await toEnd(p);
  await p.keyboard.type(text);
}

describe('restore, download and fork in the browser', () => {
  let room: CreatedRoom;
  let grace: Page;
  let cara: Page;

  beforeAll(async () => {
    room = await createRoom(worker, { title: 'Restore me' });
    [grace, cara] = await Promise.all([personPage(browser), personPage(browser)]);
    await join(grace, room.links.interviewer, 'Grace');
    await join(cara, room.links.candidate, 'Cara');
  }, 120_000);

  it('[RST11] the interviewer restores to the moment before a run; both editors show it; Undo restore brings the files back', async () => {
    await typeAtEnd(cara, '\nv1 = 1');
    await until(async () => (await editorText(grace)).includes('v1 = 1'), 'Grace sees v1');
    const api = apiOf(worker);
    const run = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      body: '{}',
    });
    expect(run.status).toBe(202);
    const before = await editorText(cara);
    await typeAtEnd(cara, '\nv2 = 2');
    await until(async () => (await editorText(grace)).includes('v2 = 2'), 'Grace sees v2');
    const after = await editorText(cara);

    await grace.getByRole('button', { name: 'Restore…' }).click();
    const dialog = grace.getByRole('dialog', { name: 'Restore the files' });
    const point = dialog.getByRole('listitem').filter({ hasText: 'Before a run by candidate (API)' });
    await point.getByRole('button').click();
    for (const p of [grace, cara]) await until(async () => (await editorText(p)) === before, 'the restored text');
    await grace
      .getByRole('status')
      .filter({ hasText: 'The files are back as they were at' })
      .waitFor({ timeout: 15_000 });

    await grace.getByRole('button', { name: 'Undo restore' }).click();
    for (const p of [grace, cara]) await until(async () => (await editorText(p)) === after, 'the undone text');
    // The candidate has no restore control.
    expect(await cara.getByRole('button', { name: 'Restore…' }).count()).toBe(0);
  });

  it('[RST12] the candidate downloads the files as a zip, and the interviewer’s fork opens a new room with them', async () => {
    const text = await editorText(cara);
    const [download] = await Promise.all([
      cara.waitForEvent('download'),
      cara.getByRole('button', { name: 'Download zip' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`codesync-${room.roomId}.zip`);
    const entries = unzipSync(new Uint8Array(await readFile((await download.path()) as string)));
    expect(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, strFromU8(v)]))).toEqual({ 'main.py': text });

    expect(await cara.getByRole('button', { name: 'Fork' }).count()).toBe(0);
    const [forked] = await Promise.all([
      grace.context().waitForEvent('page'),
      grace.getByRole('button', { name: 'Fork' }).click(),
    ]);
    await forked.locator('.cm-content').waitFor({ timeout: 60_000 });
    expect(new URL(forked.url()).pathname).not.toBe(`/r/${room.roomId}`);
    await until(async () => (await editorText(forked)) === text, 'the fork shows the files');
    await expect(forked.locator('.title').textContent()).resolves.toBe('Restore me (fork)');
    await forked.close();
  });

  it('[RST11] the playback page restores the files to its playhead for the interviewer', async () => {
    const now = await editorText(cara);
    const p = await personPage(browser);
    await p.goto(`${worker.url}/r/${room.roomId}/playback#token=${room.tokens.interviewer}`);
    await waitInPage(p, 'the history loaded', () => window.codesyncPlayback?.client.getState().done === true, 60_000);
    const first = await p.evaluate(() => window.codesyncPlayback?.client.getState().times[0] ?? 0);
    await p.evaluate((at) => window.codesyncPlayback?.seekTo(at), first);
    await waitInPage(
      p,
      'the first frame',
      () => (window.codesyncPlayback?.client.getState().frame?.files.length ?? 0) > 0,
    );
    const seeded = await p.evaluate(() => window.codesyncPlayback?.client.getState().frame?.files[0]?.content ?? '');
    await p.getByRole('button', { name: 'Restore to here' }).click();
    for (const page of [grace, cara]) await until(async () => (await editorText(page)) === seeded, 'the seed restored');
    await p.getByRole('button', { name: 'Undo restore' }).click();
    for (const page of [grace, cara]) await until(async () => (await editorText(page)) === now, 'undone from playback');
    // The candidate's page has no such button: the playback refuses its token.
    await p.close();
  });
});
