/**
 * Comment threads in Chromium (issue 17 item 1): the candidate comments on a line, the
 * interviewer types above it and the mark follows, a reply and a resolve reach everyone;
 * the interviewer's private thread reaches the observer and never the candidate (not on
 * the candidate's page, not in any frame the candidate's sockets receive).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { editorText, useWebWorker, waitInPage } from './support/browser';
import { createInterview, join, personPage } from './support/pages';

const web = useWebWorker();

const LINE = 'print("Hello, CodeSync!")';
const SECRET = 'SECRET-THREAD-4c1d probe the edge cases';

declare global {
  interface Window {
    /** The thread marks the open editor draws (web/src/threads/marks.ts). */
    codesyncThreadMarks?: () => { id: string; from: number; to: number }[];
  }
}

const threads = (p: Page) => p.getByRole('region', { name: 'Comment threads' });

/** The text under each thread mark in the page's editor. */
function markedText(p: Page): Promise<string[]> {
  return p.evaluate(() =>
    (window.codesyncThreadMarks?.() ?? []).map(
      (m) => window.codesyncEditor?.state.doc.toString().slice(m.from, m.to) ?? '',
    ),
  );
}

/** Selects the first line of the open file with the keyboard. */
async function selectFirstLine(p: Page) {
  await p.locator('.editor-pane .cm-content').click();
  await p.keyboard.press('Control+Home');
  await p.keyboard.press('Shift+End');
}

async function comment(p: Page, text: string, how: 'button' | 'shortcut', isPrivate = false) {
  await selectFirstLine(p);
  if (how === 'button') await p.locator('.comment-button').click();
  else await p.keyboard.press('Control+Alt+m');
  const form = p.getByRole('form', { name: 'New comment' });
  await form.getByLabel('Comment', { exact: true }).fill(text);
  if (isPrivate) await form.getByRole('checkbox').check();
  await form.getByRole('button', { name: 'Comment' }).click();
}

describe('comment threads in the browser', () => {
  let interviewer: Page;
  let candidate: Page;
  let observer: Page;
  /** Every frame the candidate's page received, on every socket. */
  const candidateHeard: string[] = [];

  beforeAll(async () => {
    [interviewer, candidate, observer] = await Promise.all([
      personPage(web.browser),
      personPage(web.browser),
      personPage(web.browser),
    ]);
    candidate.on('websocket', (ws) => {
      ws.on('framereceived', (frame) => candidateHeard.push(String(frame.payload)));
    });
    const links = await createInterview(interviewer, web.worker.url, 'python', 'Threads session');
    await join(interviewer, links.interviewer, 'Ivy');
    await join(candidate, links.candidate, 'Cara');
    await join(observer, links.observer, 'Olu');
  }, 90_000);

  it('[CMT9] a thread on a line: its mark follows an edit above, a reply and a resolve reach everyone', async () => {
    await comment(candidate, 'Should this read the input first?', 'button');
    for (const p of [interviewer, observer]) {
      await threads(p).getByText('Should this read the input first?').waitFor();
    }
    await waitInPage(interviewer, 'the mark', () => (window.codesyncThreadMarks?.() ?? []).length === 1);
    expect(await markedText(interviewer)).toEqual([LINE]);
    // The interviewer types two lines above it: every page's mark stays on the line.
    await interviewer.locator('.editor-pane .cm-content').click();
    await interviewer.keyboard.press('Control+Home');
    await interviewer.keyboard.insertText('# read n\n# then the numbers\n');
    await waitInPage(candidate, 'the edit above', () =>
      (window.codesyncEditor?.state.doc.toString() ?? '').startsWith('# read n\n'),
    );
    await waitInPage(candidate, 'the mark to follow', () => {
      const [mark] = window.codesyncThreadMarks?.() ?? [];
      return mark !== undefined && mark.from === '# read n\n# then the numbers\n'.length;
    });
    expect(await markedText(candidate)).toEqual([LINE]);
    expect(await markedText(observer)).toEqual([LINE]);
    // The gutter shows where it starts.
    expect(await candidate.locator('.cm-thread-gutter .cm-thread-gutter-mark').count()).toBe(1);
    // A reply from the interviewer, then the candidate resolves.
    const thread = threads(interviewer).locator('.thread').first();
    await thread.getByLabel('Reply').fill('Yes: n first, then the numbers.');
    await thread.getByRole('button', { name: 'Reply' }).click();
    await threads(candidate).getByText('Yes: n first, then the numbers.').waitFor();
    await threads(candidate).getByRole('button', { name: 'Resolve' }).click();
    await threads(observer)
      .getByLabel(/^Resolved \(1\)/)
      .check();
    await threads(observer).getByText('Yes: n first, then the numbers.').waitFor();
    await waitInPage(interviewer, 'the resolved mark gone', () => (window.codesyncThreadMarks?.() ?? []).length === 0);
    expect(await editorText(observer)).toContain(LINE);
  });

  it('[CMT11] the interviewer’s private thread reaches the observer, never the candidate’s page or sockets', async () => {
    await comment(interviewer, SECRET, 'shortcut', true);
    await threads(observer).getByLabel(/^Open/).check();
    await threads(observer).getByText(SECRET).waitFor();
    // A barrier: a shared thread written after the private one reaches the candidate, so
    // anything sent to the candidate before it has arrived too.
    await comment(interviewer, 'BARRIER-after-the-private-thread', 'button');
    await threads(candidate).getByText('BARRIER-after-the-private-thread').waitFor();
    expect(await candidate.locator('body').textContent()).not.toContain('SECRET-THREAD');
    expect(await candidate.locator('.thread.private').count()).toBe(0);
    expect(candidateHeard.length).toBeGreaterThan(0);
    expect(candidateHeard.filter((frame) => frame.includes('SECRET-THREAD'))).toEqual([]);
    // The observer's list marks it private; the candidate's has only the shared ones.
    expect(await threads(observer).locator('.thread.private').count()).toBe(1);
    expect(await threads(candidate).locator('.thread').count()).toBe(1);
  });
});
