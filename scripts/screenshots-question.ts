/**
 * docs/problem-pane.png (the interviewer editing the question and its cases) and
 * docs/problem-pane-candidate.png (what the candidate sees of the same question),
 * taken from the real product in Chromium at 1280×800.
 *
 *   npx tsx scripts/screenshots-question.ts
 */
import path from 'node:path';
import { launchChromium } from '../e2e/support/browser';
import { join, personPage } from '../e2e/support/pages';
import { createRoom, startWorker } from '../e2e/support/worker';
import { ROOT } from './lib/processes.mjs';
import { buildWeb } from './lib/web.mjs';

buildWeb();
const worker = await startWorker();
const browser = await launchChromium();
try {
  const room = await createRoom(worker, { questionId: 'two-sum', language: 'python' });
  const interviewer = await personPage(browser, { width: 1280, height: 800 });
  const candidate = await personPage(browser, { width: 1280, height: 800 });
  await join(interviewer, room.links.interviewer, 'Ian');
  await join(candidate, room.links.candidate, 'Cara');
  await candidate.locator('.problem-title').waitFor();
  await candidate.screenshot({ path: path.join(ROOT, 'docs/problem-pane-candidate.png') });
  await interviewer.getByRole('region', { name: 'Problem' }).getByRole('button', { name: 'Edit' }).click();
  await interviewer.locator('.case-row.hidden-case').first().scrollIntoViewIfNeeded();
  await interviewer.screenshot({ path: path.join(ROOT, 'docs/problem-pane.png') });
  console.log('docs/problem-pane.png and docs/problem-pane-candidate.png written');
} finally {
  await browser.close();
  await worker.dispose();
}
process.exit(0);
