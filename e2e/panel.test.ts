/**
 * The panel in Chromium (issue 11, point 4 and 8): the interviewer and an observer
 * co-edit private notes and the scorecard live; a candidate's large paste and tab
 * switch appear in the interviewer's side panel; and a recorder on everything the
 * candidate's page receives (every WebSocket frame, every HTTP response) never sees
 * the notes, the scorecard or a signal.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWebWorker, waitInPage } from './support/browser';
import { createInterview, join, personPage } from './support/pages';

const web = useWebWorker();

const NOTE = 'SECRET-NOTE-7f3a weak on edge cases';
const OBSERVER_NOTE = 'SECRET-OBS-19c2 ';
const SUMMARY = 'SECRET-SUMMARY-5d1e';
const CRITERION = 'SECRET-CRITERION-a8b4';
const PASTED = `def solve(nums):\n${'    total = sum(nums)  # pasted\n'.repeat(10)}`;

const panel = (p: Page) => p.getByRole('region', { name: 'Panel: not shown to the candidate' });
const panelText = (p: Page, label: string) => panel(p).getByLabel(label, { exact: true }).inputValue();

/**
 * Writes into one of the panel's text areas (notes or summary) in one input, so the
 * text travels whole in one update: a leak of it would show in a recorded frame as is.
 */
async function typeInto(p: Page, label: string, text: string, at: 'start' | 'end' = 'end') {
  await panel(p).getByLabel(label, { exact: true }).click();
  await p.keyboard.press(at === 'start' ? 'Control+Home' : 'Control+End');
  await p.keyboard.insertText(text);
}

/** Pastes into the code editor the way a browser does: a paste event with clipboard data. */
async function paste(p: Page, data: string) {
  await p.locator('.editor-pane .cm-content').click();
  await p.locator('.editor-pane .cm-content').evaluate((el, text) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, data);
}

describe('the panel in the browser', () => {
  let interviewer: Page;
  let observer: Page;
  let candidate: Page;
  /** What the candidate's page received: frames on every socket, every API answer; and every URL it asked. */
  const candidateHeard: string[] = [];
  const candidateAsked: string[] = [];

  beforeAll(async () => {
    [interviewer, observer, candidate] = await Promise.all([
      personPage(web.browser),
      personPage(web.browser),
      personPage(web.browser),
    ]);
    candidate.on('websocket', (ws) => {
      candidateAsked.push(ws.url());
      ws.on('framereceived', (frame) => candidateHeard.push(String(frame.payload)));
    });
    candidate.on('request', (request) => candidateAsked.push(request.url()));
    // The API's answers (the app's own code, which names the panel's words, is no secret).
    candidate.on('response', (response) => {
      if (!new URL(response.url()).pathname.startsWith('/api/')) return;
      void response.body().then(
        (body) => candidateHeard.push(body.toString('utf8')),
        () => {}, // a body a navigation dropped: nothing was received
      );
    });
    const links = await createInterview(interviewer, web.worker.url, 'python', 'Panel session');
    await join(interviewer, links.interviewer, 'Ian');
    await join(observer, links.observer, 'Olga');
    await join(candidate, links.candidate, 'Cara');
    await panel(interviewer).getByLabel('Private notes', { exact: true }).waitFor();
    await panel(observer).getByLabel('Private notes', { exact: true }).waitFor();
  }, 90_000);

  it('[PANEL10] the interviewer and an observer co-edit the notes live', async () => {
    await typeInto(interviewer, 'Private notes', NOTE);
    await waitInPage(observer, 'the interviewer’s note', () =>
      (
        (document.querySelector('.panel-side textarea[aria-label="Private notes"]') as HTMLTextAreaElement | null)
          ?.value ?? ''
      ).includes('SECRET-NOTE-7f3a'),
    );
    await typeInto(observer, 'Private notes', OBSERVER_NOTE, 'start');
    await waitInPage(interviewer, 'the observer’s note', () =>
      (
        (document.querySelector('.panel-side textarea[aria-label="Private notes"]') as HTMLTextAreaElement | null)
          ?.value ?? ''
      ).startsWith('SECRET-OBS-19c2'),
    );
    expect(await panelText(interviewer, 'Private notes')).toBe(`${OBSERVER_NOTE}${NOTE}`);
    expect(await panelText(observer, 'Private notes')).toBe(`${OBSERVER_NOTE}${NOTE}`);
  });

  it('[PANEL10] they co-edit the scorecard live: ratings, criteria, recommendation, summary', async () => {
    await panel(interviewer)
      .getByRole('group', { name: 'Rating for Communication' })
      .getByRole('button', { name: '3' })
      .click();
    await panel(observer)
      .getByRole('group', { name: 'Rating for Communication' })
      .getByRole('button', { name: '3', pressed: true })
      .waitFor();
    await panel(observer).getByLabel('Recommendation').selectOption('strong_yes');
    await waitInPage(
      interviewer,
      'the observer’s recommendation',
      () => (document.querySelector('.scorecard select') as HTMLSelectElement | null)?.value === 'strong_yes',
    );
    await panel(interviewer).getByLabel('New criterion').fill(CRITERION);
    await panel(interviewer).getByRole('button', { name: 'Add' }).click();
    await panel(observer).getByText(CRITERION).waitFor();
    // Observers rate; only the interviewer renames, adds and removes (no inputs for them).
    expect(await panel(observer).getByLabel('New criterion').count()).toBe(0);
    await typeInto(observer, 'Summary', SUMMARY);
    await waitInPage(interviewer, 'the observer’s summary', () =>
      (
        (document.querySelector('.panel-side textarea[aria-label="Summary"]') as HTMLTextAreaElement | null)?.value ??
        ''
      ).includes('SECRET-SUMMARY-5d1e'),
    );
  });

  it('[PANEL11] a candidate’s large paste and tab switch appear in the interviewer’s side panel, without the pasted text', async () => {
    await candidate.locator('.editor-pane .cm-content').click();
    await paste(candidate, 'x = 1'); // a line's worth: below PASTE_SIGNAL_MIN_CHARS, not reported
    await paste(candidate, PASTED);
    const chars = [...PASTED].length;
    await panel(interviewer).getByText(`Pasted ${chars} characters into main.py`).waitFor();
    // Headless Chromium never hides a tab or blurs a window (bringing another page to the
    // front changes neither visibilityState nor focus here), so the window's own blur and
    // focus events stand for the switch: the reporter listens to them and to visibilitychange.
    await candidate.evaluate(() => window.dispatchEvent(new Event('blur')));
    await candidate.evaluate(() => window.dispatchEvent(new Event('blur'))); // one absence, one signal
    await panel(interviewer).getByText('Left the interview tab').waitFor();
    await candidate.evaluate(() => window.dispatchEvent(new Event('focus')));
    await panel(interviewer).getByText('Came back to the interview tab').waitFor();
    await panel(observer).getByText('Came back to the interview tab').waitFor();
    const shown = await panel(interviewer).getByRole('list', { name: 'Signals' }).textContent();
    expect(shown).not.toContain('total = sum(nums)');
    expect(
      await panel(interviewer).getByRole('list', { name: 'Signals' }).getByRole('listitem').allTextContents(),
    ).toEqual([
      expect.stringContaining(`Pasted ${chars} characters into main.py`),
      expect.stringContaining('Left the interview tab'),
      expect.stringContaining('Came back to the interview tab'),
    ]);
  });

  it('[PANEL12] nothing of the panel is mounted or fetched for the candidate, and nothing it wrote reaches the candidate', async () => {
    expect(await candidate.locator('.panel-side').count()).toBe(0);
    expect(candidateAsked.filter((url) => url.includes('/panel') || url.includes('/signals?'))).toEqual([]);
    // A last change the candidate must receive, so everything sent before it has arrived.
    await paste(interviewer, '\n# last-word-from-ian');
    await waitInPage(candidate, 'the interviewer’s last edit', () =>
      (window.codesyncEditor?.state.doc.toString() ?? '').includes('last-word-from-ian'),
    );
    const heard = candidateHeard.join('\n');
    expect(heard).toContain('last-word-from-ian'); // the recorder hears the room's frames
    for (const secret of [
      'SECRET-NOTE-7f3a',
      'SECRET-OBS-19c2',
      SUMMARY,
      CRITERION,
      'strong_yes',
      'Pasted',
      '"kind":"paste"',
      '"kind":"focus"',
      '"signals"',
    ]) {
      expect(heard, secret).not.toContain(secret);
    }
  });
});
