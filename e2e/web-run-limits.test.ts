/**
 * Run limits in Chromium (SPEC "Run limits"): the run panel shows the room's limits to
 * everyone, an editor changes them (a value past the maximum is refused in words), and a
 * program that sleeps past the new limit is cut by the real executor, everyone seeing
 * the verdict and the time against the limit. The room's language picker shows versions.
 */
import { LANGUAGES } from '@codesync/executor/languages';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWebStack } from './support/browser';
import { createInterview, join, personPage } from './support/pages';
import { until } from './support/worker';

const web = useWebStack();

const limitsOf = (p: Page) => p.getByRole('group', { name: 'Run limits' });
const limitsText = async (p: Page) => (await limitsOf(p).textContent())?.replace(/\s+/g, ' ').trim() ?? '';

describe('run limits in the run panel', () => {
  let interviewer: Page;
  let candidate: Page;
  let observer: Page;

  beforeAll(async () => {
    [interviewer, candidate, observer] = await Promise.all([
      personPage(web.browser),
      personPage(web.browser),
      personPage(web.browser),
    ]);
    const links = await createInterview(interviewer, web.stack.worker.url);
    await join(interviewer, links.interviewer, 'Ian');
    await join(candidate, links.candidate, 'Cara');
    await join(observer, links.observer, 'Olga');
  }, 60_000);

  it('[RLIM9] the room’s language picker names each language with its version', async () => {
    const options = await interviewer.getByLabel('Room language').locator('option').allTextContents();
    expect(options).toContain(`${LANGUAGES.python.name} (${LANGUAGES.python.version})`);
    expect(options).toContain(`${LANGUAGES.go.name} (${LANGUAGES.go.version})`);
  });

  it('[RLIM8] everyone sees the limits; an editor changes them, past the maximum refused in words; a run cut by them shows it to all', async () => {
    for (const p of [interviewer, candidate, observer]) {
      await until(async () => (await limitsText(p)).startsWith('Limits: 5 s · 256 MB'), 'the limits');
    }
    expect(await limitsOf(observer).getByRole('button', { name: 'Change' }).count()).toBe(0);

    const panel = limitsOf(candidate);
    await panel.getByRole('button', { name: 'Change' }).click();
    await panel.getByLabel('Time limit (s)').fill('20');
    await panel.getByRole('button', { name: 'Save for everyone' }).click();
    expect(await panel.getByRole('alert').textContent()).toMatch(/^timeMs: must be at most 10000 ms/);

    await panel.getByLabel('Time limit (s)').fill('1');
    await panel.getByRole('button', { name: 'Save for everyone' }).click();
    for (const p of [interviewer, observer]) {
      await until(async () => (await limitsText(p)).startsWith('Limits: 1 s · 256 MB'), 'the new limit');
    }

    await candidate.locator('.cm-content').click();
    await candidate.keyboard.press('Control+a');
    await candidate.keyboard.insertText('import time\ntime.sleep(3)\nprint("woke")\n');
    await candidate.getByLabel('Input (stdin)').fill('');
    await candidate.keyboard.press('Control+Enter');
    for (const p of [candidate, observer]) {
      await p.locator('.console .badge[data-verdict="time_limit"]').waitFor({ timeout: 30_000 });
      // A killed program has no peak memory to report: the time against its limit is what counts.
      expect(await p.locator('.console [data-figure="run"]').textContent()).toMatch(/^run [\d.]+ s \/ 1 s$/);
      expect(await p.locator('.console .output').textContent()).not.toContain('woke');
    }

    await candidate.locator('.cm-content').click();
    await candidate.keyboard.press('Control+a');
    await candidate.keyboard.insertText('print("quick")\n');
    await candidate.keyboard.press('Control+Enter');
    for (const p of [candidate, observer]) {
      await p.locator('.console .badge[data-verdict="ok"]').waitFor({ timeout: 30_000 });
      const figure = await p.locator('.console [data-figure="run"]').textContent();
      expect(figure).toMatch(/^run [\d.]+ s \/ 1 s, [\d.]+ MB \/ 256 MB$/);
    }
  });
});
