/**
 * docs/landing.png and docs/room.png, taken from the real product in Chromium (the
 * report's is taken by screenshots-tests.ts, after a test run).
 *
 *   npx tsx scripts/screenshots.ts
 */
import path from 'node:path';
import { launchChromium } from '../e2e/support/browser';
import { startStack } from '../e2e/support/stack';
import { ROOT } from './lib/processes.mjs';
import { buildWeb } from './lib/web.mjs';

buildWeb();
const stack = await startStack();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const landing = await context.newPage();
  await landing.goto(stack.worker.url);
  await landing.getByLabel('Title').fill('Backend interview — Cara');
  await landing.getByRole('button', { name: 'Create interview' }).click();
  await landing.getByText('Share these links').waitFor();
  await landing.screenshot({ path: path.join(ROOT, 'docs/landing.png') });
  const links = {
    interviewer: await landing.getByLabel('interviewer link', { exact: true }).inputValue(),
    candidate: await landing.getByLabel('candidate link', { exact: true }).inputValue(),
  };

  const join = async (link: string, name: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.addInitScript((n) => localStorage.setItem('codesync.name', n), name);
    await page.goto(link);
    await page.locator('.cm-content').waitFor();
    return page;
  };
  const interviewer = await join(links.interviewer, 'Ian');
  const candidate = await join(links.candidate, 'Cara');
  await candidate.locator('.cm-content').click();
  await candidate.keyboard.press('Control+a');
  // insertText, not type: the editor's auto-indent would shift typed lines.
  await candidate.keyboard.insertText(
    'def fizzbuzz(n):\n    for i in range(1, n + 1):\n        print("Fizz" * (i % 3 == 0) + "Buzz" * (i % 5 == 0) or i)\n\n\nfizzbuzz(int(input()))\n',
  );
  await candidate.getByLabel('Input (stdin)').fill('15');
  await candidate.getByRole('button', { name: 'Run' }).click();
  await interviewer.locator('.console .badge[data-verdict]').waitFor({ timeout: 30_000 });
  await interviewer.locator('.cm-ySelectionInfo').first().waitFor({ state: 'attached' });
  await interviewer.screenshot({ path: path.join(ROOT, 'docs/room.png') });
  console.log('docs/landing.png and docs/room.png written');
} finally {
  await browser.close();
  await stack.dispose();
}
process.exit(0);
