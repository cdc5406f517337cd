/**
 * docs/tests-interviewer.png and docs/tests-candidate.png: one "Run tests" on a bank
 * question as the interviewer sees it (the page) and the candidate (the tests panel);
 * then docs/report.png: the report of that interview, with the panel's notes and
 * scorecard, after the interviewer ended it. From the real product in Chromium.
 *
 *   npx tsx scripts/screenshots-tests.ts
 */
import path from 'node:path';
import { launchChromium } from '../e2e/support/browser';
import { startStack } from '../e2e/support/stack';
import { createRoom } from '../e2e/support/worker';
import { ROOT } from './lib/processes.mjs';
import { buildWeb } from './lib/web.mjs';

/** Right on the examples and most hidden cases, but quadratic: the large hidden case times out. */
const NAIVE = `n = int(input())
nums = [int(x) for x in input().split()]
target = int(input())
for i in range(n):
    for j in range(i + 1, n):
        if nums[i] + nums[j] == target:
            print(i, j)
            raise SystemExit
`;

buildWeb();
const stack = await startStack();
const browser = await launchChromium();
try {
  const room = await createRoom(stack.worker, { questionId: 'two-sum', language: 'python' });
  const join = async (role: 'interviewer' | 'candidate', name: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.addInitScript((n) => localStorage.setItem('codesync.name', n), name);
    await page.goto(`${stack.worker.url}/r/${room.roomId}#token=${room.tokens[role]}`);
    await page.locator('.cm-content').waitFor();
    return page;
  };
  const interviewer = await join('interviewer', 'Ian');
  const candidate = await join('candidate', 'Cara');
  await candidate.locator('.cm-content').click();
  await candidate.keyboard.press('Control+a');
  // insertText, not type: the editor's auto-indent would shift typed lines.
  await candidate.keyboard.insertText(NAIVE);
  await candidate.getByRole('button', { name: 'Run tests' }).click();
  for (const page of [interviewer, candidate]) {
    await page.locator('.console .badge[data-verdict]').waitFor({ timeout: 60_000 });
  }
  await interviewer.locator('.test-case').nth(4).locator('summary').click();
  await interviewer.screenshot({ path: path.join(ROOT, 'docs/tests-interviewer.png') });
  // The candidate's panel: the hidden cases as the server sent them, verdicts only.
  await candidate.locator('.tests-panel').screenshot({ path: path.join(ROOT, 'docs/tests-candidate.png') });

  // The panel's notes and scorecard, then the interview ends and the report is read.
  const panel = interviewer.getByRole('region', { name: 'Panel: not shown to the candidate' });
  await panel
    .getByLabel('Private notes', { exact: true })
    .fill(
      'Reads the problem aloud, writes the brute force first.\nMissed the 10 000-number case: quadratic. Hinted at a hash map at 25 min.',
    );
  await panel.getByRole('group', { name: 'Rating for Problem solving' }).getByRole('button', { name: '3' }).click();
  await panel.getByRole('group', { name: 'Rating for Communication' }).getByRole('button', { name: '4' }).click();
  await panel.getByLabel('Recommendation').selectOption('yes');
  await panel.getByLabel('Summary', { exact: true }).fill('Clear communicator; needed a nudge towards O(n).');
  interviewer.once('dialog', (dialog) => void dialog.accept());
  await interviewer.getByRole('button', { name: 'End interview' }).click();
  await interviewer.getByRole('link', { name: 'Open the report' }).click();
  await interviewer.getByRole('heading', { name: 'Who joined' }).waitFor();
  await interviewer.getByText('Clear communicator').waitFor();
  await interviewer.screenshot({ path: path.join(ROOT, 'docs/report.png'), fullPage: true });
  console.log('docs/tests-interviewer.png, docs/tests-candidate.png and docs/report.png written');
} finally {
  await browser.close();
  await stack.dispose();
}
process.exit(0);
