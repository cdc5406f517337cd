/**
 * The interview clock and the room's language in Chromium (issue 11, points 5 and 6):
 * the interviewer and the candidate in one room against a real `wrangler dev`, the
 * candidate's laptop clock an hour wrong. The clock runs for real: the interviewer sets
 * a 15-second clock and both watch the notice and the end.
 */
import { LANGUAGES } from '@codesync/executor/languages';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorText, useWebWorker, waitInPage } from './support/browser';
import { join, personPage } from './support/pages';
import { createRoom, until } from './support/worker';

const web = useWebWorker();

const timer = (p: Page) => p.getByRole('timer', { name: 'Time left' });
const phaseOf = (p: Page) => timer(p).getAttribute('data-phase');
/** Seconds the header says are left ("29:58 left" → 1798). */
async function secondsLeft(p: Page): Promise<number> {
  const text = (await timer(p).textContent()) ?? '';
  const match = /^(?:(\d+):)?(\d+):(\d\d) left$/.exec(text);
  if (!match) throw new Error(`the timer reads "${text}"`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** The interviewer opens the clock's controls and does one thing. */
async function useClock(p: Page, act: (controls: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await p.getByRole('button', { name: /^(Clock|Set a clock)$/ }).click();
  await act(p.getByRole('group', { name: 'Clock controls' }));
}

async function setClock(p: Page, timeLeft: string): Promise<void> {
  await useClock(p, async (controls) => {
    await controls.getByLabel('Time left').fill(timeLeft);
    await controls.getByRole('button', { name: 'Set' }).click();
  });
}

describe('the clock', () => {
  it('[CLK1] an interview created with a duration on the landing page opens with that much time left', async () => {
    const p = await personPage(web.browser);
    await p.goto(web.worker.url);
    await p.getByLabel('Duration').selectOption('45');
    await p.getByRole('button', { name: 'Create interview' }).click();
    const link = await p.getByLabel('interviewer link', { exact: true }).inputValue();
    await join(p, link, 'Ian');
    await until(async () => (await timer(p).count()) === 1, 'the time left');
    const left = await secondsLeft(p);
    expect(left).toBeGreaterThan(40 * 60);
    expect(left).toBeLessThanOrEqual(45 * 60);
    await p.context().close();
  }, 60_000);

  it('[CLK7][CLK2] everyone sees the time left (a wrong laptop clock too), the warning, an extension, the countdown (cancelled by an extension), then a read-only room', async () => {
    const room = await createRoom(web.worker, { durationMinutes: 30 });
    const [interviewer, candidate] = await Promise.all([personPage(web.browser), personPage(web.browser)]);
    // The candidate's laptop runs an hour behind: the countdown must not care.
    await candidate.addInitScript(() => {
      const real = Date.now.bind(Date);
      Date.now = () => real() - 3_600_000;
    });
    await join(interviewer, room.links.interviewer, 'Ian');
    await join(candidate, room.links.candidate, 'Cara');

    for (const p of [interviewer, candidate]) {
      await until(async () => (await timer(p).count()) === 1, 'the time left');
      const left = await secondsLeft(p);
      expect(left).toBeGreaterThan(25 * 60);
      expect(left).toBeLessThanOrEqual(30 * 60);
      expect(await phaseOf(p)).toBe('running');
    }
    // Only the interviewer has the controls.
    expect(await candidate.getByRole('button', { name: 'Clock' }).count()).toBe(0);

    const top = () => candidate.locator('.room-body').evaluate((el) => el.getBoundingClientRect().top);
    const before = await top();
    await setClock(interviewer, '4:00');
    for (const p of [interviewer, candidate]) {
      await until(async () => (await phaseOf(p)) === 'warning', 'the warning');
      await p.locator('.room-header').getByRole('status').filter({ hasText: 'Less than 5 minutes left' }).waitFor();
    }
    expect(await top()).toBe(before); // the warning moves nothing people are reading

    await useClock(interviewer, (controls) => controls.getByRole('button', { name: '+5 min' }).click());
    await until(async () => (await phaseOf(candidate)) === 'running', 'the extension on the candidate’s screen');
    expect(await secondsLeft(candidate)).toBeGreaterThan(8 * 60);
    await until(async () => (await candidate.getByText('Less than 5 minutes left').count()) === 0, 'the warning to go');

    // A short clock: the notice comes 10 s before the end, then the room ends.
    await setClock(interviewer, '0:15');
    for (const p of [interviewer, candidate]) {
      const notice = p.getByRole('alert').filter({ hasText: 'Time is almost up' });
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.textContent()).toMatch(/the interview ends in (10|[1-9]) s/);
    }
    expect(await top()).toBe(before); // nor does the countdown, over the page

    // Extended during the countdown: it goes away for everyone and the room carries on.
    await useClock(interviewer, (controls) => controls.getByRole('button', { name: '+5 min' }).click());
    for (const p of [interviewer, candidate]) {
      await until(
        async () => (await p.getByRole('alert').filter({ hasText: 'Time is almost up' }).count()) === 0,
        'the countdown to go',
      );
      expect(await secondsLeft(p)).toBeGreaterThan(4 * 60);
    }

    // And once more, to the end.
    await setClock(interviewer, '0:15');
    await candidate.getByRole('alert').filter({ hasText: 'Time is almost up' }).waitFor({ timeout: 30_000 });
    for (const p of [interviewer, candidate]) {
      await p
        .getByRole('status')
        .filter({ hasText: 'Time is up: this interview has ended. Everything is read-only.' })
        .waitFor({ timeout: 30_000 });
      await waitInPage(
        p,
        'a read-only editor',
        () => document.querySelector('.cm-content')?.getAttribute('contenteditable') === 'false',
      );
      expect(await p.getByRole('alert').filter({ hasText: 'Time is almost up' }).count()).toBe(0);
    }
    expect(await interviewer.getByRole('button', { name: 'Clock' }).count()).toBe(0);
    await Promise.all([interviewer.context().close(), candidate.context().close()]);
  }, 120_000);
});

describe("the room's language", () => {
  it('[CLK10] the interviewer switches from the header; the candidate sees the language and the new entry file at once', async () => {
    const room = await createRoom(web.worker, { language: 'python' });
    const [interviewer, candidate] = await Promise.all([personPage(web.browser), personPage(web.browser)]);
    await join(interviewer, room.links.interviewer, 'Ian');
    await join(candidate, room.links.candidate, 'Cara');
    expect(await candidate.getByLabel('Room language').count()).toBe(0);
    await candidate.locator('.cm-content').click();
    await candidate.keyboard.press('Control+Home');
    await candidate.keyboard.type('# my python answer\n');

    await interviewer.getByLabel('Room language').selectOption('go'); // the confirm is accepted

    await candidate.locator('.room-header .language').filter({ hasText: LANGUAGES.go.version }).waitFor();
    const tabs = candidate.getByRole('navigation', { name: 'Files' });
    await tabs.getByRole('button', { name: 'main.go', exact: true }).waitFor();
    await waitInPage(candidate, 'the Go starter open', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().startsWith('package main')),
    );
    expect(await editorText(candidate)).toBe(LANGUAGES.go.starter);
    await candidate.getByRole('button', { name: 'Run main.go' }).waitFor();
    // The Python answer is still there, as its own file.
    await tabs.getByRole('button', { name: 'main.py', exact: true }).click();
    await waitInPage(candidate, 'the old code', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().startsWith('# my python answer')),
    );
    await Promise.all([interviewer.context().close(), candidate.context().close()]);
  }, 60_000);
});
