/**
 * docs/panel.png: the interviewer's room with the panel's side panel (private notes,
 * scorecard, the candidate's signals), taken from the real product in Chromium.
 *
 *   npx tsx scripts/panelScreenshot.ts
 */
import path from 'node:path';
import { launchChromium } from '../e2e/support/browser';
import { startWorker } from '../e2e/support/worker';
import { ROOT } from './lib/processes.mjs';
import { buildWeb } from './lib/web.mjs';

buildWeb();
const worker = await startWorker();
const browser = await launchChromium();
try {
  const created = await fetch(`${worker.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Backend interview — Cara', language: 'python' }),
  });
  const { links } = (await created.json()) as { links: Record<'interviewer' | 'candidate' | 'observer', string> };
  const join = async (link: string, name: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    await page.addInitScript((n) => localStorage.setItem('codesync.name', n), name);
    await page.goto(link);
    await page.locator('.cm-content').waitFor();
    return page;
  };
  const interviewer = await join(links.interviewer, 'Ian');
  const observer = await join(links.observer, 'Olga');
  const candidate = await join(links.candidate, 'Cara');
  const notes = interviewer.getByLabel('Private notes', { exact: true });
  await notes.click();
  await interviewer.keyboard.insertText(
    'Asked about edge cases unprompted.\nStarted with brute force, then hashing.\n',
  );
  await observer.getByLabel('Private notes', { exact: true }).click();
  await observer.keyboard.press('Control+End');
  await observer.keyboard.insertText('Olga: clear explanation of the trade-offs.');
  for (const [criterion, rating] of [
    ['Problem solving', '3'],
    ['Communication', '4'],
  ] as const) {
    await interviewer
      .getByRole('group', { name: `Rating for ${criterion}` })
      .getByRole('button', { name: rating })
      .click();
  }
  await interviewer.getByLabel('Recommendation').selectOption('yes');
  await interviewer.getByLabel('Summary', { exact: true }).click();
  await interviewer.keyboard.insertText('Solid fundamentals; would like to see more testing.');
  await candidate.locator('.editor-pane .cm-content').evaluate((el) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', `def two_sum(nums, target):\n${'    pass\n'.repeat(30)}`);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  });
  await candidate.evaluate(() => window.dispatchEvent(new Event('blur')));
  await candidate.evaluate(() => window.dispatchEvent(new Event('focus')));
  await interviewer.getByText('Came back to the interview tab').waitFor();
  await interviewer.screenshot({ path: path.join(ROOT, 'docs/panel.png'), fullPage: true });
  console.log('docs/panel.png written');
} finally {
  await browser.close();
  await worker.dispose();
}
process.exit(0);
