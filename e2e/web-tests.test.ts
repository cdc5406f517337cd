/**
 * "Run tests" in Chromium (TR8): the candidate clicks Run tests; the interviewer's page
 * shows every case in full, the candidate's shows hidden cases cut down (as the server
 * sent them), an observer's button is disabled with the reason. Real stack: wrangler
 * dev, the executor and Docker.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hiddenSecrets } from '../testing/hiddenCases';
import { cannot } from '../worker/src/auth/roles';
import type { QuestionView } from '../worker/src/room/question/schema';
import { roomTestCases } from '../worker/src/tests/cases';
import { useWebStack, waitInPage } from './support/browser';
import { join, personPage } from './support/pages';
import { Participant } from './support/participant';
import { createRoom, until } from './support/worker';

const QUESTION = 'two-sum';
/** Right for the first example and the first hidden case only: some pass, some do not. */
const ALWAYS_0_1 = 'print("0 1")\n';

const web = useWebStack();

const tally = (p: Page) => p.locator('.tests-tally');
const row = (p: Page, id: string) => p.locator(`.test-case[data-case="${id}"]`);

describe('Run tests in the room page', () => {
  it('[TR8] the candidate clicks Run tests: passed/total and every case for the interviewer, hidden cases cut down for the candidate; no Run tests where there is nothing to test', async () => {
    const room = await createRoom(web.stack.worker, { questionId: QUESTION, language: 'python' });
    // The room's cases (their ids are the room question's) as the interviewer reads them.
    const read = await fetch(`${web.stack.worker.url}/api/rooms/${room.roomId}/question`, {
      headers: { authorization: `Bearer ${room.tokens.interviewer}` },
    });
    const cases = roomTestCases(((await read.json()) as { question: QuestionView }).question.cases);
    const writer = new Participant(web.stack.worker, room, 'interviewer', 'setup');
    await writer.synced();
    writer.replace('main.py', ALWAYS_0_1);
    const [interviewer, candidate, observer] = await Promise.all([
      personPage(web.browser),
      personPage(web.browser),
      personPage(web.browser),
    ]);
    const link = (role: 'interviewer' | 'candidate' | 'observer') =>
      `${web.stack.worker.url}/r/${room.roomId}#token=${room.tokens[role]}`;
    await join(interviewer, link('interviewer'), 'Ian');
    await join(candidate, link('candidate'), 'Cara');
    await join(observer, link('observer'), 'Olga');
    writer.destroy();

    const observerButton = observer.getByRole('button', { name: 'Run tests' });
    await observerButton.waitFor();
    expect(await observerButton.isDisabled()).toBe(true);
    expect(await observerButton.getAttribute('title')).toBe(cannot('observer', 'run'));

    const button = candidate.getByRole('button', { name: 'Run tests' });
    await waitInPage(candidate, 'Run tests to be enabled', () =>
      Array.from(document.querySelectorAll('button')).some((b) => b.textContent === 'Run tests' && !b.disabled),
    );
    await button.click();

    // Both see the same tally once every case is judged: example 1 and the first hidden case pass.
    for (const p of [interviewer, candidate, observer]) {
      await waitInPage(p, 'every case judged', () => {
        const rows = Array.from(document.querySelectorAll('.test-case'));
        // No rows yet is not "all judged": the run may not have reached this page.
        return rows.length > 0 && rows.every((li) => li.getAttribute('data-verdict'));
      });
      expect(await tally(p).textContent()).toBe(`2/${cases.length} passed`);
    }

    const hidden = cases.filter((c) => c.hidden);
    const visible = cases.filter((c) => !c.hidden);
    // The interviewer: every case by name, a hidden one opens to its input and expected output.
    for (const c of cases) expect(await row(interviewer, c.id).textContent()).toContain(c.name);
    const secretCase = hidden[1];
    if (!secretCase) throw new Error('two-sum has hidden cases');
    await row(interviewer, secretCase.id).locator('summary').click();
    expect(await row(interviewer, secretCase.id).locator('.test-input').textContent()).toBe(secretCase.stdin);
    expect(await row(interviewer, secretCase.id).locator('.test-expected').textContent()).toBe(secretCase.expected);

    // The candidate: hidden rows say "hidden" and the verdict, nothing else.
    for (const [i, c] of hidden.entries()) {
      const text = await row(candidate, c.id).textContent();
      expect(text).toContain(`Case ${visible.length + i + 1}`);
      expect(text).toContain('hidden');
      expect(await row(candidate, c.id).locator('details').count()).toBe(0);
    }
    // A visible case that failed opens to input, expected, got and the line diff.
    const wrong = visible[1];
    if (!wrong) throw new Error('two-sum has two examples');
    expect(await row(candidate, wrong.id).getAttribute('data-verdict')).toBe('wrong_answer');
    await row(candidate, wrong.id).locator('summary').click();
    expect(await row(candidate, wrong.id).locator('.test-got').textContent()).toBe('0 1\n');
    expect(await row(candidate, wrong.id).locator('.diff-expected').textContent()).toContain(wrong.expected.trim());
    expect(await row(candidate, wrong.id).locator('.diff-got').textContent()).toContain('0 1');

    // Nothing of a hidden case is in the candidate's page, shown or held. (Not the whole
    // HTML: the editor's stylesheet has "padding: 0 4px", and "0 4" is a hidden answer.)
    const page = await candidate.evaluate(
      () =>
        // biome-ignore lint/performance/useDomNodeTextContent: what the page shows, not its hidden text
        document.body.innerText +
        (document.querySelector('.tests-panel')?.outerHTML ?? 'no tests panel') +
        JSON.stringify((window as unknown as { codesyncConnection?: { state: unknown } }).codesyncConnection?.state),
    );
    for (const secret of hiddenSecrets(QUESTION)) expect(page, secret).not.toContain(secret);
    await until(
      async () => (await interviewer.content()).includes(secretCase.name),
      'the control: the interviewer has it',
    );

    // A room with nothing to test has no Run tests button, only Run.
    const plain = await createRoom(web.stack.worker, { language: 'python' });
    await join(interviewer, `${web.stack.worker.url}/r/${plain.roomId}#token=${plain.tokens.interviewer}`, 'Ian');
    await interviewer.getByRole('button', { name: 'Run main.py' }).waitFor();
    expect(await interviewer.getByRole('button', { name: 'Run tests' }).count()).toBe(0);
  }, 180_000);
});
