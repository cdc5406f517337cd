/**
 * The report page in Chromium after a real interview (wrangler dev, the executor on
 * Docker): the interviewer runs code with the candidate, ends the interview, opens the
 * report from the room and finds the code, the run and who joined; the Markdown it
 * downloads is exactly the pure function of the JSON the page was given; print hides
 * the buttons. The candidate has no way in.
 */
import { readFile } from 'node:fs/promises';
import type { Report } from '@codesync/worker/report';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportMarkdown } from '../web/src/report/markdown';
import { cannot } from '../worker/src/auth/roles';
import { useWebStack, waitInPage } from './support/browser';
import { join, personPage, toEnd } from './support/pages';
import { type CreatedRoom, createRoom } from './support/worker';

const web = useWebStack();

const TITLE = 'Backend *pairing* | ``` report';
const MARKER = 'report-marker-42';

describe('the report page', () => {
  let room: CreatedRoom;
  let interviewer: Page;
  let candidate: Page;
  let observer: Page;

  beforeAll(async () => {
    room = await createRoom(web.stack.worker, { title: TITLE, questionId: 'two-sum', language: 'python' });
    [interviewer, candidate, observer] = await Promise.all([
      personPage(web.browser),
      personPage(web.browser),
      personPage(web.browser),
    ]);
    await join(interviewer, room.links.interviewer, 'Ian');
    await join(candidate, room.links.candidate, 'Cara');
    await join(observer, room.links.observer, 'Olga');
  }, 60_000);

  it('[REP8] after an interview with a run, the interviewer opens the report from the room and sees the code, the run and who joined', async () => {
    // The way in is there for the interviewer and observers, not for the candidate.
    const header = (p: Page) => p.locator('.room-header');
    await header(interviewer).getByRole('link', { name: 'Report' }).waitFor();
    await header(observer).getByRole('link', { name: 'Report' }).waitFor();
    expect(await header(candidate).getByRole('link', { name: 'Report' }).count()).toBe(0);

    await toEnd(candidate);
    await candidate.keyboard.type(`print("${MARKER}")\n`);
    await waitInPage(interviewer, 'the candidate’s line', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().includes('report-marker-42')),
    );
    await candidate.getByRole('button', { name: 'Run main.py' }).click();
    await interviewer.locator('.console .badge[data-verdict="ok"]').waitFor({ timeout: 30_000 });
    await candidate.context().close();

    await interviewer.getByRole('button', { name: 'End interview' }).click();
    const reportAnswer = interviewer.waitForResponse((res) => res.url().endsWith(`/api/rooms/${room.roomId}/report`));
    await interviewer.getByRole('link', { name: 'Open the report' }).click();
    const answer = await reportAnswer;
    expect(answer.status()).toBe(200);
    expect(new URL(interviewer.url()).pathname).toBe(`/r/${room.roomId}/report`);

    await interviewer.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const code = interviewer.getByRole('figure', { name: 'main.py (entry)' });
    expect(await code.locator('pre').textContent()).toContain(`print("${MARKER}")`);
    const runs = interviewer.getByRole('region', { name: 'Runs (1)' });
    expect(await runs.getByRole('heading', { level: 3 }).textContent()).toBe('Run 1: OK');
    expect(await runs.textContent()).toContain('by Cara (candidate)');
    expect(await runs.getByRole('figure', { name: 'Output' }).textContent()).toContain(`0 0\n${MARKER}`);
    const joins = interviewer.getByRole('table', { name: 'Who joined' });
    const rows = await joins.locator('tbody tr').allTextContents();
    // Everyone's first socket, in the order they joined, closed by the end at the latest. (A page
    // that stays open reconnects to the ended, read-only room: that is a join of its own.)
    const firstOf = (who: RegExp) => rows.findIndex((row) => who.test(row));
    const firsts = [/^Ianinterviewer/, /^Caracandidate/, /^Olgaobserver/].map(firstOf);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(firsts.every((i) => i >= 0)).toBe(true);
    for (const i of firsts) expect(rows[i]).toMatch(/UTC.*UTC$/);
    // Hidden cases are in the report, marked as such.
    const hidden = interviewer.locator('tr[data-hidden="true"]');
    expect(await hidden.count()).toBeGreaterThan(0);
    expect(await hidden.first().textContent()).toContain('Hidden');

    // The download is the Markdown of exactly the JSON the page was given.
    const json = (await answer.json()) as Report;
    const download = interviewer.waitForEvent('download');
    await interviewer.getByRole('button', { name: 'Download Markdown' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('backend-pairing-report-report.md');
    const text = await readFile(await file.path(), 'utf8');
    expect(text).toBe(reportMarkdown(json));
    expect(text).toContain(`print("${MARKER}")`);
    expect(text).toContain('| Ian | interviewer |');
  });

  it('[REP9] printed, the report shows no buttons and keeps table rows whole', async () => {
    await interviewer.emulateMedia({ media: 'print' });
    try {
      expect(await interviewer.getByRole('button', { name: 'Download Markdown' }).isVisible()).toBe(false);
      expect(await interviewer.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      expect(await interviewer.getByRole('link', { name: 'Back to the room' }).isVisible()).toBe(false);
      const breakInside = await interviewer
        .getByRole('table', { name: 'Who joined' })
        .locator('tbody tr')
        .first()
        .evaluate((tr) => getComputedStyle(tr).breakInside);
      expect(breakInside).toBe('avoid');
      // Long lines wrap on paper: nothing is wider than the page.
      const overflow = await interviewer.evaluate(() => document.documentElement.scrollWidth > innerWidth);
      expect(overflow).toBe(false);
    } finally {
      await interviewer.emulateMedia({ media: 'screen' });
    }
    expect(await interviewer.getByRole('button', { name: 'Download Markdown' }).isVisible()).toBe(true);
  });

  it('[REP8] a candidate who opens the report address is told, in the room’s words, that it is not for them', async () => {
    const p = await personPage(web.browser);
    await p.goto(`${web.stack.worker.url}/r/${room.roomId}/report#token=${room.tokens.candidate}`);
    await p.getByRole('heading', { name: 'This report cannot be shown' }).waitFor();
    expect(await p.getByRole('alert').textContent()).toContain(cannot('candidate', 'review'));
    expect(p.url()).not.toContain('token');
    await p.context().close();
  });
});
