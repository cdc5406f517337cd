/**
 * The room's question in Chromium: picked on the landing page, edited live by the
 * interviewer while the candidate reads it, a hidden case written and the question
 * swapped, with every frame and API answer the candidate's page receives recorded and
 * searched for hidden data; a statement of XSS payloads; the layout at 1280×800.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { questionFor } from '../worker/src/questions/bank';
import { useWebWorker, waitInPage } from './support/browser';
import { join, personPage } from './support/pages';
import { createRoom, until } from './support/worker';

const web = useWebWorker();

/** Everything a page receives from the server: socket frames (text and binary) and API answers. */
function recordTraffic(page: Page): string[] {
  const seen: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      seen.push(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
    });
  });
  page.on('response', (res) => {
    if (new URL(res.url()).pathname.startsWith('/api/')) {
      res.text().then(
        (body) => seen.push(body),
        () => {},
      );
    }
  });
  return seen;
}

const SECRET = { name: 'HIDDEN-NAME-q41z', stdin: 'HIDDEN-STDIN-x7k2', expected: 'HIDDEN-EXPECTED-p0v9' };

/** Hidden inputs and outputs of a bank question long enough not to occur by chance. */
function bankSecrets(slug: string): string[] {
  const q = questionFor(slug);
  if (!q) throw new Error(`${slug} is in the bank`);
  return q.question.tests
    .filter((c) => c.hidden)
    .flatMap((c) => [c.stdin.trim(), c.expected.trim()])
    .filter((s) => s.length >= 16);
}

const tokenOf = (link: string) => new URL(link).hash.replace('#token=', '');

async function question(roomId: string, token: string) {
  const res = await fetch(`${web.worker.url}/api/rooms/${roomId}/question`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (
    (await res.json()) as {
      question: { title: string; statement: string; cases: { name: string; stdin: string; hidden: boolean }[] } | null;
    }
  ).question;
}

const pane = (p: Page) => p.getByRole('region', { name: 'Problem' });

describe('the problem pane', () => {
  let interviewer: Page;
  let candidate: Page;
  let candidateTraffic: string[];
  let interviewerTraffic: string[];
  let links: { interviewer: string; candidate: string };
  let roomId: string;

  beforeAll(async () => {
    [interviewer, candidate] = await Promise.all([
      personPage(web.browser, { width: 1280, height: 800 }),
      personPage(web.browser, { width: 1280, height: 800 }),
    ]);
    candidateTraffic = recordTraffic(candidate);
    interviewerTraffic = recordTraffic(interviewer);
  });

  it('[RQ11] the landing page offers the bank (title, difficulty, topics) or no question, and makes the room from the pick', async () => {
    await interviewer.goto(web.worker.url);
    const picker = interviewer.getByLabel('Question');
    await waitInPage(
      interviewer,
      'the bank in the picker',
      () => document.querySelectorAll('select[name="questionId"] option').length > 10,
    );
    expect(await picker.inputValue()).toBe('');
    expect(await picker.locator('option').first().textContent()).toBe('No question');
    expect(await picker.locator('option[value="two-sum"]').textContent()).toBe('Two Sum · easy · arrays, hashing');
    await picker.selectOption('two-sum');
    await interviewer.getByLabel('Language').selectOption('python');
    await interviewer.getByRole('button', { name: 'Create interview' }).click();
    const link = (role: string) => interviewer.getByLabel(`${role} link`, { exact: true }).inputValue();
    links = { interviewer: await link('interviewer'), candidate: await link('candidate') };
    roomId = new URL(links.interviewer).pathname.split('/').at(-1) as string;
    expect(await question(roomId, tokenOf(links.interviewer))).toMatchObject({ title: 'Two Sum' });
  });

  it('[RQ12] both see the problem beside the code at 1280×800; the candidate gets the statement, visible examples and a count, no editing', async () => {
    await join(interviewer, links.interviewer, 'Ian');
    await join(candidate, links.candidate, 'Cara');
    const twoSum = questionFor('two-sum');
    const visible = twoSum?.question.tests.filter((c) => !c.hidden) ?? [];
    const hidden = (twoSum?.question.tests.length ?? 0) - visible.length;
    await pane(candidate).locator('.problem-title', { hasText: 'Two Sum' }).waitFor();
    await pane(candidate).getByText(`+ ${hidden} hidden tests`).waitFor();
    expect(await pane(candidate).locator('.example').count()).toBe(visible.length);
    // The interviewer's copy holds the hidden cases too, marked; the candidate's has none to mark.
    await pane(interviewer)
      .locator('.example.hidden-case')
      .nth(hidden - 1)
      .waitFor();
    expect(await pane(candidate).locator('.example.hidden-case').count()).toBe(0);
    expect(await pane(candidate).getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await pane(candidate).getByRole('button', { name: 'Swap question' }).count()).toBe(0);
    expect(await pane(interviewer).getByRole('button', { name: 'Edit' }).count()).toBe(1);

    const box = async (selector: string) =>
      (await candidate.locator(selector).boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
    const [problem, code, side] = [await box('.problem-pane'), await box('.editor-pane'), await box('.side')];
    expect(problem.x + problem.width).toBeLessThanOrEqual(code.x + 1);
    expect(code.x + code.width).toBeLessThanOrEqual(side.x + 1);
    expect(code.width).toBeGreaterThan(450);
    expect(problem.width).toBeGreaterThan(250);
    expect(await candidate.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    // Collapsed, the code takes the room; opened again, the problem is back.
    await candidate.getByRole('button', { name: '‹' }).click();
    const narrow = await box('.problem-pane');
    expect(narrow.width).toBeLessThan(60);
    expect((await box('.editor-pane')).width).toBeGreaterThan(code.width + 200);
    await candidate.getByRole('button', { name: 'Problem ›' }).click();
    await pane(candidate).locator('.problem-title', { hasText: 'Two Sum' }).waitFor();
  });

  it('[RQ10] the interviewer edits the statement and the candidate’s page shows it as it is typed', async () => {
    await pane(interviewer).getByRole('button', { name: 'Edit' }).click();
    const box = interviewer.getByLabel('Statement (Markdown)');
    await box.click();
    await interviewer.keyboard.press('Control+End');
    // Every text the candidate's statement shows, as it changes.
    await candidate.evaluate(() => {
      const seen: string[] = [];
      (window as { seenStatements?: string[] }).seenStatements = seen;
      const pane = document.querySelector('.problem-pane') as Element;
      new MutationObserver(() => seen.push(pane.querySelector('.markdown')?.textContent ?? '')).observe(pane, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await interviewer.keyboard.type('\n\nFollow-up: can you do it in one pass over the numbers?', { delay: 30 });
    await waitInPage(candidate, 'the whole sentence', () =>
      Boolean(document.querySelector('.markdown')?.textContent?.includes('in one pass over the numbers?')),
    );
    // It arrived in steps while it was typed, not once at the end.
    const seen = await candidate.evaluate(() => (window as { seenStatements?: string[] }).seenStatements ?? []);
    expect(seen.some((t) => t.includes('Follow-up') && !t.includes('over the numbers?'))).toBe(true);
  });

  it('[RQ10] a hidden case written and a swap to another question leave nothing hidden in the candidate’s frames', async () => {
    const rows = pane(interviewer).locator('.case-row');
    const before = await rows.count();
    await pane(interviewer).getByRole('button', { name: 'Add hidden case' }).click();
    // The new row, not the bank's last case (hidden too): wait for one more row.
    const row = rows.nth(before);
    await row.getByText('(hidden)').waitFor();
    await row.getByLabel('Name').fill(SECRET.name);
    await row.getByLabel('Case input (stdin)').fill(SECRET.stdin);
    await row.getByLabel('Case expected output').fill(SECRET.expected);
    await row.getByLabel('Name').click(); // leaving the expected output sends it
    await until(async () => {
      const q = await question(roomId, tokenOf(links.interviewer));
      return q?.cases.some((c) => c.hidden && c.name === SECRET.name && c.stdin === SECRET.stdin);
    }, 'the hidden case to be stored');
    await pane(candidate)
      .getByText(`+ ${(questionFor('two-sum')?.question.tests.filter((c) => c.hidden).length ?? 0) + 1} hidden tests`)
      .waitFor();
    await pane(interviewer).getByRole('button', { name: 'Done' }).click();

    await pane(interviewer).getByRole('button', { name: 'Swap question' }).click();
    await pane(interviewer).getByLabel('Swap to a question from the bank').selectOption('merge-intervals');
    await pane(interviewer).locator('.swap-question').getByRole('button', { name: 'Swap question' }).click();
    await pane(candidate).locator('.problem-title', { hasText: 'Merge Intervals' }).waitFor();
    await candidate
      .getByRole('navigation', { name: 'Files' })
      .getByRole('button', { name: 'merge-intervals/main.py', exact: true })
      .waitFor();
    const files = await fetch(`${web.worker.url}/api/rooms/${roomId}/files`, {
      headers: { authorization: `Bearer ${tokenOf(links.candidate)}` },
    });
    expect(((await files.json()) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual([
      'main.py',
      'merge-intervals/main.py',
    ]);

    const secrets = [...Object.values(SECRET), ...bankSecrets('two-sum'), ...bankSecrets('merge-intervals')];
    expect(secrets.length).toBeGreaterThan(4);
    // The recorder works: the interviewer's page did receive them.
    await until(
      () => interviewerTraffic.some((t) => t.includes(SECRET.stdin)),
      'the interviewer to have received the hidden case',
    );
    const candidateSaw = candidateTraffic.join('\n');
    expect(candidateTraffic.filter((t) => t.includes('"type":"question"')).length).toBeGreaterThan(3);
    for (const secret of secrets) expect(candidateSaw.includes(secret), secret).toBe(false);
  });

  it('[RQ9] a statement of XSS payloads renders as text and runs nothing', async () => {
    const dialogs: string[] = [];
    candidate.on('dialog', (d) => dialogs.push(d.message()));
    const statement = [
      '# Payloads',
      '<img src=x onerror="window.__xss = 1; alert(1)">',
      '<script>window.__xss = 2; alert(2)</script>',
      '[click me](javascript:window.__xss=3) [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [ok link](https://example.com/docs)',
      '```\n<img src=x onerror="window.__xss = 4">\n```',
      'XSS-END',
    ].join('\n\n');
    const res = await fetch(`${web.worker.url}/api/rooms/${roomId}/question`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokenOf(links.interviewer)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ op: 'edit', statement }),
    });
    expect(res.status).toBe(200);
    await waitInPage(candidate, 'the payload statement', () =>
      Boolean(document.querySelector('.markdown')?.textContent?.includes('XSS-END')),
    );
    const markdown = candidate.locator('.markdown');
    expect(await markdown.locator('img, script, iframe, object').count()).toBe(0);
    expect(await markdown.textContent()).toContain('<img src=x onerror="window.__xss = 1; alert(1)">');
    expect(await markdown.textContent()).toContain('<script>window.__xss = 2; alert(2)</script>');
    expect(await markdown.locator('pre code').textContent()).toBe('<img src=x onerror="window.__xss = 4">\n');
    const anchors = await markdown
      .locator('a')
      .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')]));
    expect(anchors).toEqual([['https://example.com/docs', 'noopener noreferrer', '_blank']]);
    await candidate.getByText('click me').click();
    expect(await candidate.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await interviewer.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});

describe('Run tests follows the room’s question', () => {
  const hasRunTests = () => Array.from(document.querySelectorAll('button')).some((b) => b.textContent === 'Run tests');

  async function putQuestion(roomId: string, token: string, change: object): Promise<void> {
    const res = await fetch(`${web.worker.url}/api/rooms/${roomId}/question`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(change),
    });
    expect(res.status).toBe(200);
  }

  it('[TR8] a question with cases written into a blank room offers Run tests; one written without cases takes it away', async () => {
    const page = await personPage(web.browser);
    // A blank room: nothing to test, only Run.
    const blank = await createRoom(web.worker, { language: 'python' });
    await join(page, `${web.worker.url}/r/${blank.roomId}#token=${blank.tokens.candidate}`, 'Cara');
    await page.getByRole('button', { name: 'Run main.py' }).waitFor();
    expect(await page.evaluate(hasRunTests)).toBe(false);
    // The interviewer writes a question whose one case is hidden: the candidate can run it.
    await putQuestion(blank.roomId, blank.tokens.interviewer, {
      op: 'write',
      title: 'Echo',
      statement: 'Print the input.',
      cases: [{ name: 'one line', stdin: 'a\n', expected: 'a\n', hidden: true, compare: 'trimmed' }],
    });
    await page.locator('.problem-title', { hasText: 'Echo' }).waitFor();
    await waitInPage(page, 'Run tests for the written question', hasRunTests);

    // A room made from a bank question whose interviewer writes a design question instead.
    const made = await createRoom(web.worker, { questionId: 'two-sum', language: 'python' });
    await join(page, `${web.worker.url}/r/${made.roomId}#token=${made.tokens.candidate}`, 'Cara');
    await waitInPage(page, 'Run tests for Two Sum', hasRunTests);
    await putQuestion(made.roomId, made.tokens.interviewer, {
      op: 'write',
      title: 'Design a rate limiter',
      statement: 'Talk it through.',
    });
    await page.locator('.problem-title', { hasText: 'Design a rate limiter' }).waitFor();
    await waitInPage(page, 'no Run tests without cases', () =>
      Array.from(document.querySelectorAll('button')).every((b) => b.textContent !== 'Run tests'),
    );
    await page.close();
  });
});
