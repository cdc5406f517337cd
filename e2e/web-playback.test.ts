/**
 * The playback page in Chromium after a real interview (wrangler dev, the executor on
 * Docker, stock Yjs clients typing keystroke by keystroke): at three moments the test
 * keeps what an observer's client held; the page, with its playhead at each moment,
 * shows exactly those files. A run's marker shows the run's output; the room and the
 * report link to the page for the interviewer and never for the candidate, whose token
 * the page refuses in the room's words.
 */
import { createFile, deleteFile, fileByPath, listFiles, renameFile } from '@codesync/worker/doc';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cannot } from '../worker/src/auth/roles';
import { useWebStack, waitInPage } from './support/browser';
import { type Client, whenSynced, yWebsocketClient } from './support/clients';
import { join, personPage } from './support/pages';
import { apiOf, type CreatedRoom, createRoom, until } from './support/worker';

const web = useWebStack();

const MARKER = 'playback-marker-7';

/** The files a client holds, by path. */
const filesOf = (c: Client) => Object.fromEntries(listFiles(c.doc).map((f) => [f.path, f.text.toString()]));

/** Types `chars` one keystroke (one update) at a time at the end of `path`. */
function type(c: Client, path: string, chars: string): void {
  for (const ch of chars) {
    const text = fileByPath(c.doc, path)?.text;
    if (!text) throw new Error(`${path} is not in the doc`);
    text.insert(text.length, ch);
  }
}

interface Moment {
  at: number;
  files: Record<string, string>;
}

describe('the playback page', () => {
  let room: CreatedRoom;
  let cara: Client;
  let ian: Client;
  let olga: Client;
  const moments: Moment[] = [];
  let runId = '';

  /** What the observer's client holds once it holds `check`; then the clock moves past that moment. */
  async function moment(check: (files: Record<string, string>) => boolean, what: string): Promise<void> {
    await until(
      () => check(filesOf(olga)),
      () => `${what}; the observer holds ${JSON.stringify(filesOf(olga))}`,
    );
    const at = Date.now();
    moments.push({ at, files: filesOf(olga) });
    // Whatever comes next is stamped after this moment.
    await until(() => Date.now() > at + 1, 'the next millisecond');
  }

  beforeAll(async () => {
    room = await createRoom(web.stack.worker, { title: 'Playback pairing', language: 'python' });
    cara = yWebsocketClient(web.stack.worker, room, 'candidate', 'Cara');
    ian = yWebsocketClient(web.stack.worker, room, 'interviewer', 'Ian');
    olga = yWebsocketClient(web.stack.worker, room, 'observer', 'Olga');
    await Promise.all([cara, ian, olga].map(whenSynced));

    // 1: the candidate types, the interviewer adds a comment in the same file.
    type(cara, 'main.py', `\ndef add(a, b):\n    return a + b\n`);
    await until(() => filesOf(ian)['main.py']?.includes('return a + b'), 'the candidate’s function at the interviewer');
    type(ian, 'main.py', '# try negatives\n');
    // Whole lines only: a moment taken mid-line would race the rest of the line to the server's clock.
    await moment((f) => Boolean(f['main.py']?.endsWith('# try negatives\n')), 'the first moment');

    // 2: a second file, and a scratch file that will be deleted.
    expect(createFile(cara.doc, 'util.py', '').ok).toBe(true);
    type(cara, 'util.py', 'def helper():\n    return 42\n');
    expect(createFile(ian.doc, 'scratch.py', 'notes = 1\n').ok).toBe(true);
    await moment((f) => f['util.py']?.endsWith('return 42\n') === true && 'scratch.py' in f, 'the second moment');

    // 3: a rename, a delete, a line that prints the marker, and a run that finishes.
    const util = fileByPath(cara.doc, 'util.py');
    expect(util && renameFile(cara.doc, util.id, 'helpers.py').ok).toBe(true);
    const scratch = fileByPath(ian.doc, 'scratch.py');
    expect(scratch && deleteFile(ian.doc, scratch.id).ok).toBe(true);
    type(cara, 'main.py', `print("${MARKER}", add(2, 3))\n`);
    await moment(
      (f) =>
        'helpers.py' in f &&
        !('util.py' in f) &&
        !('scratch.py' in f) &&
        Boolean(f['main.py']?.endsWith(`print("${MARKER}", add(2, 3))\n`)),
      'the third moment',
    );
    const api = apiOf(web.stack.worker);
    const started = await api(`/api/rooms/${room.roomId}/runs`, {
      method: 'POST',
      token: room.tokens.candidate,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'main.py', stdin: '' }),
    });
    expect(started.status).toBe(202);
    runId = ((await started.json()) as { runId: string }).runId;
    await until(
      async () => {
        const res = await api(`/api/rooms/${room.roomId}/runs/${runId}`, { token: room.tokens.interviewer });
        return ((await res.json()) as { state: string }).state === 'finished';
      },
      'the run to finish',
      60_000,
    );
    // Typing after the run: the last moment is not the end of the history.
    type(cara, 'main.py', '# done\n');
    await until(() => filesOf(olga)['main.py']?.endsWith('# done\n'), 'the last line at the observer');
  }, 120_000);

  afterAll(() => {
    for (const c of [cara, ian, olga]) c?.destroy();
  });

  /** Opens the playback and waits for the whole history to be in. */
  async function openPlayback(p: Page): Promise<void> {
    await waitInPage(
      p,
      'the history downloaded',
      () => Boolean(window.codesyncPlayback?.client.getState().done),
      60_000,
    );
  }

  /** Moves the playhead to `at` and waits for the frame of exactly that position. */
  async function showAt(p: Page, at: number): Promise<{ paths: string[]; files: Record<string, string> }> {
    return p.evaluate(async (at) => {
      const player = window.codesyncPlayback;
      if (!player) throw new Error('no player');
      player.seekTo(at);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const { times, frame } = player.client.getState();
        let position = 0;
        while (position < times.length && (times[position] as number) <= at) position++;
        if (frame && frame.position === position) {
          return {
            paths: frame.files.map((f) => f.path),
            files: Object.fromEntries(frame.files.map((f) => [f.path, f.content])),
          };
        }
        if (Date.now() > deadline) throw new Error(`no frame for position ${position}`);
        await new Promise((r) => requestAnimationFrame(r));
      }
    }, at);
  }

  it('[PLAYW2] [PLAYW9] [PLAYW6] [PLAYW7] [PLAYW8] at three playhead positions the page shows exactly what a client held then, tabs following the rename and the delete', async () => {
    const interviewer = await personPage(web.browser);
    await join(interviewer, room.links.interviewer, 'Ian');
    // The way in: from the room, next to the report link (the token comes from the session).
    await interviewer.locator('.room-header').getByRole('link', { name: 'Playback' }).click();
    expect(new URL(interviewer.url()).pathname).toBe(`/r/${room.roomId}/playback`);
    await openPlayback(interviewer);

    for (const [i, m] of moments.entries()) {
      const shown = await showAt(interviewer, m.at);
      expect(shown.files, `moment ${i + 1}`).toEqual(m.files);
      // The tabs are those files, and each tab's editor holds that file's text.
      const tabs = interviewer.getByRole('navigation', { name: 'Files' }).getByRole('button');
      await until(async () => JSON.stringify(await tabs.allTextContents()) === JSON.stringify(shown.paths), 'the tabs');
      for (const path of Object.keys(m.files)) {
        await tabs.getByText(path, { exact: true }).click();
        const want = m.files[path];
        const text = await until(
          async () => {
            const now = await interviewer.evaluate(() => window.codesyncEditor?.state.doc.toString() ?? '');
            return now === want ? now : undefined;
          },
          `${path} in the editor at moment ${i + 1}`,
        ).catch(() => interviewer.evaluate(() => window.codesyncEditor?.state.doc.toString() ?? ''));
        expect(text, `${path} at moment ${i + 1}`).toBe(m.files[path]);
      }
    }
    // Who wrote what: both typists are in the legend and their text is marked.
    const legend = interviewer.getByRole('list', { name: 'Who wrote what' });
    expect(await legend.textContent()).toContain('Cara');
    expect(await legend.textContent()).toContain('Ian');
    expect(await interviewer.locator('.cm-author').count()).toBeGreaterThan(0);

    // A run's marker: the playhead goes there and the run's output shows.
    await interviewer.locator(`.marker[data-run="${runId}"]`).click();
    const output = interviewer.getByRole('region', { name: 'Run output' });
    await output.getByText(`${MARKER} 5`).waitFor();
    // The run was started over HTTP with the candidate's token: the room names it so.
    expect(await output.textContent()).toMatch(/^Run of main\.py by .+: OK/);

    // The report links here too.
    await interviewer.goto(`${web.stack.worker.url}/r/${room.roomId}/report`);
    await interviewer.getByRole('link', { name: 'Playback' }).click();
    await openPlayback(interviewer);
    await interviewer.context().close();
  });

  it('[PLAYW8] [PLAYW1] the candidate has no link to the playback, and the page refuses the candidate’s token in the room’s words', async () => {
    const candidate = await personPage(web.browser);
    await join(candidate, room.links.candidate, 'Cara');
    await candidate
      .locator('.room-header')
      .getByRole('link', { name: 'Report' })
      .or(candidate.locator('.cm-content'))
      .first()
      .waitFor();
    expect(await candidate.locator('.room-header').getByRole('link', { name: 'Playback' }).count()).toBe(0);
    const history = candidate.waitForResponse((res) => res.url().endsWith(`/api/rooms/${room.roomId}/history`));
    await candidate.goto(`${web.stack.worker.url}/r/${room.roomId}/playback#token=${room.tokens.candidate}`);
    expect((await history).status()).toBe(403);
    await candidate.getByRole('heading', { name: 'This playback cannot be shown' }).waitFor();
    expect(await candidate.getByRole('alert').textContent()).toContain(cannot('candidate', 'review'));
    expect(candidate.url()).not.toContain('token');
    // Nothing of the history was fetched past the refusal.
    expect(await candidate.evaluate(() => window.codesyncPlayback === undefined)).toBe(true);
    await candidate.context().close();
  });

  it('[PLAYW1] [PLAYW4] [PLAYW5] an observer opens the playback from a link with its token and plays it to the end', async () => {
    const observer = await personPage(web.browser);
    await observer.goto(`${web.stack.worker.url}/r/${room.roomId}/playback#token=${room.tokens.observer}`);
    await openPlayback(observer);
    expect(observer.url()).not.toContain('token');
    // → and ← step between events; L and J jump ten seconds, clamped to the history.
    const playhead = () => observer.evaluate(() => window.codesyncPlayback?.at() ?? Number.NaN);
    const start = await playhead();
    await observer.keyboard.press('ArrowRight');
    const next = await until(async () => ((await playhead()) > start ? playhead() : undefined), 'the next event');
    await observer.keyboard.press('ArrowLeft');
    await until(async () => (await playhead()) < next, 'the previous event');
    await observer.keyboard.press('l');
    await until(async () => (await playhead()) > start, 'ten seconds on');
    await observer.keyboard.press('j');
    await until(async () => (await playhead()) === start, 'back to the start');
    await observer.getByRole('combobox', { name: 'Speed' }).selectOption('32');
    await observer.locator('body').click({ position: { x: 5, y: 5 } });
    await observer.keyboard.press(' ');
    // Played to the end, the page shows the last line typed.
    await until(
      async () =>
        (await observer.evaluate(() => window.codesyncEditor?.state.doc.toString() ?? '')).endsWith('# done\n'),
      'the end of the interview',
      30_000,
    );
    await observer.getByRole('button', { name: 'Play' }).waitFor();
    await observer.context().close();
  });
});
