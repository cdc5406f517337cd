/**
 * The web app in Chromium: two people (and an observer) in one room.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { editorText, useWebStack, waitInPage } from './support/browser';
import { connected, createInterview, join, personPage } from './support/pages';
import { until } from './support/worker';

const web = useWebStack();

describe('an interview in the browser', () => {
  let interviewer: Page;
  let candidate: Page;
  let links: Awaited<ReturnType<typeof createInterview>>;

  beforeAll(async () => {
    interviewer = await personPage(web.browser);
    candidate = await personPage(web.browser);
    links = await createInterview(interviewer, web.stack.worker.url);
    expect(links.candidate).toMatch(/\/r\/[A-Za-z0-9_-]{22}#token=/);
    await join(interviewer, links.interviewer, 'Ian');
    await join(candidate, links.candidate, 'Cara');
  }, 60_000);

  it('[SYNC1] typing in one page appears in the other, with the author cursor label', async () => {
    await candidate.locator('.cm-content').click();
    await candidate.keyboard.press('Control+Home');
    await candidate.keyboard.type('# typed by Cara\n');
    await waitInPage(interviewer, 'the typing', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().startsWith('# typed by Cara\n')),
    );
    await interviewer.locator('.cm-ySelectionInfo', { hasText: 'Cara' }).waitFor({ state: 'attached' });
    expect(await editorText(interviewer)).toBe('# typed by Cara\nprint("Hello, CodeSync!")\n');
  });

  it('[SEC-TICKET6] hole 11: the link token leaves the address bar; sockets open with tickets, also after a reload', async () => {
    const p = await personPage(web.browser);
    const sockets: string[] = [];
    p.on('websocket', (ws) => sockets.push(ws.url()));
    await join(p, links.observer, 'Tess');
    expect(p.url()).not.toContain('token');
    await p.reload();
    await connected(p);
    expect(p.url()).not.toContain('token');
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    for (const url of sockets) {
      expect(url).toContain('ticket=');
      expect(url).not.toContain('token=');
    }
    await p.close();
  });

  it('[SYNC7] shows who is here, with roles', async () => {
    const people = interviewer.getByRole('region', { name: 'People in the room' });
    await people.getByText('Cara').waitFor();
    expect(await people.textContent()).toMatch(/Ian.*interviewer.*Cara.*candidate/s);
  });

  it('[RUN17] the candidate runs Python and both see the output and the verdict', async () => {
    await candidate.getByLabel('Input (stdin)').fill('');
    await candidate.keyboard.press('Control+Enter');
    for (const p of [candidate, interviewer]) {
      await p.locator('.console .badge[data-verdict="ok"]').waitFor({ timeout: 30_000 });
      expect(await p.locator('.console .output').textContent()).toContain('Hello, CodeSync!');
      expect(await p.locator('.console-head').textContent()).toContain('Cara ran main.py');
    }
  });

  it('[DOC1] files are created, renamed and deleted for everyone', async () => {
    await candidate.getByRole('button', { name: 'New file' }).click();
    await candidate.getByLabel('File name').fill('../evil.py');
    await candidate.getByRole('button', { name: 'OK' }).click();
    await candidate.getByText('File name must not contain').waitFor();
    await candidate.getByLabel('File name').fill('util.py');
    await candidate.getByRole('button', { name: 'OK' }).click();
    await interviewer
      .getByRole('navigation', { name: 'Files' })
      .getByRole('button', { name: 'util.py', exact: true })
      .waitFor();
    await candidate.getByRole('button', { name: 'Rename util.py' }).click();
    await candidate.getByLabel('File name').fill('helpers.py');
    await candidate.getByRole('button', { name: 'OK' }).click();
    const tabs = interviewer.getByRole('navigation', { name: 'Files' });
    await tabs.getByRole('button', { name: 'helpers.py', exact: true }).waitFor();
    expect(await tabs.getByRole('button', { name: 'util.py', exact: true }).count()).toBe(0);
    // Someone else's new file does not move the interviewer off the file they were on.
    expect(await editorText(interviewer)).toContain('Hello, CodeSync!');
    await candidate.getByRole('button', { name: 'Delete helpers.py' }).click();
    await tabs.getByRole('button', { name: 'helpers.py', exact: true }).waitFor({ state: 'detached' });
    await candidate
      .getByRole('navigation', { name: 'Files' })
      .getByRole('button', { name: 'main.py', exact: true })
      .click();
    await candidate.locator('.cm-content').waitFor();
  });

  it('[RUN7] static-analysis diagnostics show as inline marks', async () => {
    await candidate.locator('.cm-content').click();
    await candidate.keyboard.press('Control+Home');
    await candidate.keyboard.insertText('import os\n');
    await candidate.getByRole('button', { name: 'Run' }).click();
    for (const p of [candidate, interviewer]) {
      await p.locator('.cm-lintRange-warning').first().waitFor({ timeout: 30_000 });
    }
  });

  it('[ROLE2][REF3] an observer cannot type and is told why', async () => {
    const observer = await personPage(web.browser);
    await join(observer, links.observer, 'Olga');
    await observer.getByText('You are observing').waitFor();
    expect(await observer.locator('.cm-content').getAttribute('contenteditable')).toBe('false');
    const before = await editorText(observer);
    await observer.locator('.cm-content').click();
    await observer.keyboard.type('nope');
    expect(await editorText(observer)).toBe(before);
    expect(await observer.getByRole('button', { name: 'Run' }).isDisabled()).toBe(true);
    await observer.close();
  });

  it('[DUR5] a reload restores the document', async () => {
    const before = await editorText(candidate);
    await candidate.reload();
    await candidate.locator('.cm-content').waitFor();
    await waitInPage(candidate, 'the document', () => (window.codesyncEditor?.state.doc.toString().length ?? 0) > 0);
    expect(await editorText(candidate)).toBe(before);
  });

  it('[DUR5] a dropped connection loses nothing: edits made while the server is down arrive when it is back', async () => {
    await web.stack.worker.stop('SIGKILL');
    await waitInPage(
      candidate,
      'the disconnect',
      () => document.querySelector('[data-status]')?.getAttribute('data-status') !== 'connected',
    );
    await candidate.locator('.cm-content').click();
    await candidate.keyboard.press('Control+End');
    await candidate.keyboard.type('# written while offline\n');
    await web.stack.worker.restart();
    await waitInPage(
      interviewer,
      'the offline edit to arrive',
      () => Boolean(window.codesyncEditor?.state.doc.toString().includes('# written while offline')),
      30_000,
    );
    expect(await editorText(interviewer)).toBe(await editorText(candidate));
  }, 60_000);

  it('[ROLE6] ending the interview turns both pages read-only', async () => {
    await interviewer.getByRole('button', { name: 'End interview' }).click();
    for (const p of [interviewer, candidate]) {
      await p.getByText('This interview has ended').waitFor({ timeout: 15_000 });
      await until(
        async () => (await p.locator('.cm-content').getAttribute('contenteditable')) === 'false',
        'read-only',
      );
    }
    expect(await candidate.getByRole('button', { name: 'Run' }).isDisabled()).toBe(true);
  });
});

describe('errors a person can read', () => {
  it('[REF3] a link with a wrong token says so', async () => {
    const p = await personPage(web.browser);
    await p.goto(`${web.stack.worker.url}/r/AAAAAAAAAAAAAAAAAAAAAA#token=${'x'.repeat(43)}`);
    await p.getByLabel('Your name, as others will see it').fill('Zed');
    await p.getByRole('button', { name: 'Join' }).click();
    await p.getByText('This room cannot be opened').waitFor({ timeout: 15_000 });
  });

  it('[REF3] a link without its token says what is missing', async () => {
    const p = await personPage(web.browser);
    await p.goto(`${web.stack.worker.url}/r/AAAAAAAAAAAAAAAAAAAAAA`);
    await p.getByText('This room link is incomplete').waitFor();
  });
});
