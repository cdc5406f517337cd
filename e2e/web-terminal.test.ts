/**
 * The shared terminal in Chromium (SPEC § 45), end to end: wrangler dev, the real
 * executor, Docker's pty and xterm.js. One person opens it and types; another sees the
 * output in their xterm; an observer watches and cannot type. The caps (idle, flood, the
 * room's end) run against a stack whose executor has a short idle time: that file's
 * other half, e2e/terminal-limits.test.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { join, personPage } from './support/pages';
import { Participant } from './support/participant';
import { type Stack, startStack } from './support/stack';
import { createRoom, until } from './support/worker';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
}, 60_000);

/** What a page's xterm shows: its rows, one line each. */
const screenOf = async (p: Page) =>
  (await p.locator('.xterm-rows > div').allTextContents())
    .map((row) => row.replace(/\u00a0/g, ' ').trimEnd())
    .join('\n');
/** Waits for the screen to match; a miss says what the screen, the panel and the executor showed. */
async function waitScreen(p: Page, what: string, pattern: RegExp, ms = 60_000) {
  try {
    await until(async () => pattern.test(await screenOf(p)), what, ms);
  } catch (error) {
    const panel = await p
      .locator('.terminal-panel')
      .textContent({ timeout: 1_000 })
      .catch(() => '(no terminal panel)');
    throw new Error(
      `${(error as Error).message}\n--- screen ---\n${await screenOf(p)}\n--- panel ---\n${panel}` +
        `\n--- executor ---\n${stack.executorOutput().slice(-3_000)}`,
    );
  }
}

/** Types into a page's terminal as a person does: focus it, then keys. */
async function typeLine(p: Page, line: string) {
  await p.locator('.xterm-host').click();
  await p.keyboard.type(line);
  await p.keyboard.press('Enter');
}

describe('the shared terminal in the browser', () => {
  it('[TERM12][TERM8] one opens and types (compiles and runs the file, starts a background process); others see it in xterm; an observer cannot type; a holder who leaves frees the keyboard', async () => {
    const room = await createRoom(stack.worker, { language: 'python' });
    const writer = new Participant(stack.worker, room, 'interviewer', 'Setup');
    await writer.synced();
    writer.replace('main.py', 'print("hello from main")\n');
    const [cara, ian, olga] = await Promise.all([personPage(browser), personPage(browser), personPage(browser)]);
    try {
      await Promise.all([
        join(cara, room.links.candidate, 'Cara'),
        join(ian, room.links.interviewer, 'Ian'),
        join(olga, room.links.observer, 'Olga'),
      ]);
      writer.destroy();
      // Observers never see the editors' controls.
      expect(await olga.getByRole('button', { name: 'Open terminal' }).count()).toBe(0);
      await cara.getByRole('button', { name: 'Open terminal' }).click();
      for (const p of [cara, ian, olga]) await waitScreen(p, 'the prompt', /\$$/m);
      await ian.getByText('Keyboard: Cara').waitFor({ timeout: 30_000 });
      await olga.getByText('Keyboard: Cara').waitFor({ timeout: 30_000 });

      await typeLine(cara, 'echo hi-$((6*7))');
      for (const p of [ian, olga]) await waitScreen(p, 'the echo at another participant', /hi-42/);
      await typeLine(cara, 'python3 -m py_compile main.py && python3 main.py');
      await waitScreen(ian, 'the program output', /hello from main/);
      await typeLine(cara, 'sleep 600 & echo bg-started');
      await waitScreen(ian, 'the background job', /^bg-started$/m);
      // The background sleep is still alive at the next command.
      await typeLine(cara, 'cat /proc/[0-9]*/comm | grep -c "^sleep$" | sed s/^/sleeping-/');
      await waitScreen(olga, 'the sleep still running', /sleeping-[1-9]/);

      // The observer's keys go nowhere (no keyboard for her, and the server refuses it anyway).
      await typeLine(olga, 'echo observer-typed');
      const spy = new Participant(stack.worker, room, 'observer', 'Spy');
      await spy.synced();
      const terminalId = spy.room.view.terminal?.terminalId as string;
      spy.provider.ws?.send(JSON.stringify({ type: 'terminal.input', terminalId, data: 'echo spy-typed\r' }));
      await until(() => spy.room.errors().includes('forbidden'), 'the observer refused');
      await typeLine(cara, 'echo after-observer');
      await waitScreen(ian, 'the next command', /^after-observer$/m);
      expect(await screenOf(ian)).not.toMatch(/observer-typed|spy-typed/);
      spy.destroy();

      // Ian takes the keyboard: everyone sees it; now his keys go through and Cara's do not.
      await ian.getByRole('button', { name: 'Take the keyboard' }).click();
      await cara.getByText('Keyboard: Ian').waitFor({ timeout: 30_000 });
      await typeLine(ian, 'echo from-ian');
      await waitScreen(cara, 'Ian’s command at Cara', /^from-ian$/m);

      // Bring back: a file changed in the shell replaces the room's only when asked.
      await typeLine(ian, 'echo "print(\\"changed in the shell\\")" > main.py');
      await typeLine(ian, 'echo wrote-file');
      await waitScreen(cara, 'the write', /^wrote-file$/m);
      await ian.getByRole('button', { name: 'Bring back' }).click();
      await cara.getByText('Ian brought main.py back from the terminal.').waitFor({ timeout: 30_000 });

      // The holder leaves (TERM8): the keyboard is free, shown so; Cara, typing in the code
      // meanwhile, keeps her focus there; her first keys in the terminal take the keyboard.
      await cara.locator('.cm-content').click();
      await ian.context().close();
      await cara.getByText('Keyboard: nobody').waitFor({ timeout: 30_000 });
      await olga.getByText('Keyboard: nobody').waitFor({ timeout: 30_000 });
      expect(await cara.evaluate(() => Boolean(document.activeElement?.closest('.cm-editor')))).toBe(true);
      await typeLine(cara, 'echo free-keyboard');
      await waitScreen(olga, 'Cara’s command after Ian left', /^free-keyboard$/m);
      await olga.getByText('Keyboard: Cara').waitFor({ timeout: 30_000 });

      await cara.getByRole('button', { name: 'Close terminal' }).click();
      for (const p of [cara, olga]) await p.getByText('Cara closed the terminal.').waitFor({ timeout: 30_000 });
    } finally {
      await Promise.all([cara, ian, olga].map((p) => p.context().close()));
    }
  }, 300_000);
});
