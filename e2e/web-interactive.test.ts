/**
 * Interactive runs in Chromium (SPEC "Interactive runs"), end to end: wrangler dev, the
 * real executor and Docker. One person starts the run, ANOTHER types the answers, and
 * everyone's console shows the exchange with the typist's name.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCANNER_SUM_JAVA } from '../testing/scannerSum';
import { launchChromium } from './support/browser';
import { join, personPage } from './support/pages';
import { Participant } from './support/participant';
import { type Stack, startStack } from './support/stack';
import { type CreatedRoom, createRoom, until } from './support/worker';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
}, 60_000);

const inputLine = (p: Page) => p.getByLabel(/Type into the program/);
const consoleText = async (p: Page) => (await p.locator('.console .output').textContent()) ?? '';
const waitConsole = (p: Page, what: string, check: (text: string) => boolean, ms = 30_000) =>
  until(async () => check(await consoleText(p)), what, ms);

/** A room of `language` with the three people in it, and a script that writes its code. */
async function roomWith(language: string, path: string, code: string) {
  const room: CreatedRoom = await createRoom(stack.worker, { language });
  const writer = new Participant(stack.worker, room, 'interviewer', 'Setup');
  await writer.synced();
  writer.replace(path, code);
  const [cara, ian, olga] = await Promise.all([personPage(browser), personPage(browser), personPage(browser)]);
  await Promise.all([
    join(cara, room.links.candidate, 'Cara'),
    join(ian, room.links.interviewer, 'Ian'),
    join(olga, room.links.observer, 'Olga'),
  ]);
  writer.destroy();
  return { cara, ian, olga, close: () => Promise.all([cara, ian, olga].map((p) => p.context().close())) };
}

async function runInteractive(p: Page) {
  await p.getByRole('checkbox', { name: 'Interactive' }).check();
  await p.getByRole('button', { name: /^Run (main|Main)/ }).click();
}

describe('interactive runs in the browser', () => {
  it('[INT13][INT11] a Python program asks two questions; another participant answers; everyone sees the echo with the typist', async () => {
    const { cara, ian, olga, close } = await roomWith(
      'python',
      'main.py',
      'name = input("name? ")\nlang = input("language? ")\nprint(f"Hello {name}, {lang}!")\n',
    );
    try {
      await runInteractive(cara);
      await waitConsole(ian, 'the first prompt', (t) => t === 'name? ');
      await inputLine(ian).fill('Ada');
      await inputLine(ian).press('Enter');
      await waitConsole(ian, 'the second prompt', (t) => t.endsWith('language? '));
      await inputLine(ian).fill('Python');
      await inputLine(ian).press('Enter');
      for (const p of [cara, ian, olga]) {
        await p.locator('.console .badge[data-verdict="ok"]').waitFor({ timeout: 30_000 });
        expect(await consoleText(p)).toBe('name? IanAda\nlanguage? IanPython\nHello Ada, Python!\n');
        expect(await p.locator('.console .stream-stdin[data-by="Ian"]').count()).toBe(2);
      }
      // An observer watches: no input line, ever.
      expect(await inputLine(olga).count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('[INT13][INT6] Ctrl-C in the input line stops the run for everyone', async () => {
    const { cara, ian, olga, close } = await roomWith(
      'python',
      'main.py',
      'while True:\n    print(input("> ").upper())\n',
    );
    try {
      await runInteractive(cara);
      await waitConsole(cara, 'the prompt', (t) => t === '> ');
      await inputLine(cara).fill('hi');
      await inputLine(cara).press('Enter');
      await waitConsole(olga, 'the answer', (t) => t.endsWith('HI\n> '));
      await inputLine(ian).press('Control+c');
      for (const p of [cara, olga])
        await p.locator('.console .badge[data-verdict="runtime_error"]').waitFor({ timeout: 30_000 });
      expect(await inputLine(cara).count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('[INT13][INT7] a Java Scanner loop sums what is typed; Ctrl-D ends the input', async () => {
    const { cara, ian, olga, close } = await roomWith('java', 'Main.java', SCANNER_SUM_JAVA);
    try {
      await runInteractive(cara);
      await waitConsole(ian, 'the first prompt', (t) => t === 'number? ', 60_000);
      await inputLine(ian).fill('2');
      await inputLine(ian).press('Enter');
      await waitConsole(ian, 'the sum', (t) => t.endsWith('sum 2, number? '));
      await inputLine(cara).fill('40');
      await inputLine(cara).press('Enter');
      await waitConsole(ian, 'the second sum', (t) => t.endsWith('sum 42, number? '));
      await inputLine(ian).press('Control+d');
      await olga.locator('.console .badge[data-verdict="ok"]').waitFor({ timeout: 30_000 });
      expect(await consoleText(olga)).toBe('number? Ian2\nsum 2, number? Cara40\nsum 42, number? Ian^D\ndone\n');
    } finally {
      await close();
    }
  });
});
