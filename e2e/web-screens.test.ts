/**
 * Issue 9 in Chromium: what the room page shows — the entry file on Run, a console
 * that follows its output, dark-theme contrast, and the small things (title, phone
 * width, focus, versions, verdict words, exit codes, notices, bundle, caching).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWebStack, waitInPage } from './support/browser';
import { createInterview, join, personPage } from './support/pages';
import { type CreatedRoom, createRoom, until } from './support/worker';

const web = useWebStack();

const tabs = (p: Page) => p.getByRole('navigation', { name: 'Files' });
const tab = (p: Page, path: string) => tabs(p).getByRole('button', { name: path, exact: true });
const runButton = (p: Page) => p.locator('.run-controls button.primary');

/** Replaces the open file's text as a person would (select all, type over it). */
async function setCode(p: Page, code: string) {
  await p.locator('.cm-content').click();
  await p.keyboard.press('Control+a');
  await p.keyboard.insertText(code);
}

/** Runs with the Run button and waits for a verdict newer than the last one. */
async function runAndWait(p: Page) {
  const before = await p.locator('.history li').count();
  const hadRun = await p.locator('.console-head').count();
  await runButton(p).click();
  if (hadRun) await until(async () => (await p.locator('.history li').count()) > before, 'the new run', 20_000);
  await p.locator('.console .badge[data-verdict]').waitFor({ timeout: 30_000 });
}

describe('the room page', () => {
  let room: CreatedRoom;
  let candidate: Page;
  let interviewer: Page;

  beforeAll(async () => {
    room = await createRoom(web.stack.worker, { title: 'Screens check', language: 'python' });
    [candidate, interviewer] = await Promise.all([personPage(web.browser), personPage(web.browser)]);
    await join(candidate, room.links.candidate, 'Cara');
    await join(interviewer, room.links.interviewer, 'Ian');
  }, 60_000);

  it('[WEB8] the tab title names the room; the language and its version are shown', async () => {
    expect(await candidate.title()).toContain('Screens check');
    expect(await candidate.locator('.room-header').textContent()).toContain('Python 3.11');
  });

  it('[WEB8] the editor is focused after creating a file', async () => {
    await candidate.getByRole('button', { name: 'New file' }).click();
    await candidate.getByLabel('File name').fill('util.py');
    await candidate.getByRole('button', { name: 'OK' }).click();
    await waitInPage(candidate, 'the editor focused', () =>
      Boolean(document.activeElement?.classList.contains('cm-content')),
    );
    await candidate.keyboard.insertText('print("from util")\n');
    await waitInPage(candidate, 'typing in util.py', () =>
      Boolean(window.codesyncEditor?.state.doc.toString().includes('from util')),
    );
  });

  it('[WEB4] Run runs the entry file, says so, and editors can change the entry', async () => {
    // util.py is open; Run still runs main.py.
    await until(async () => (await runButton(candidate).textContent()) === 'Run main.py', 'Run main.py');
    await runAndWait(candidate);
    expect(await candidate.locator('.console .output').textContent()).toContain('Hello, CodeSync!');
    expect(await candidate.locator('.console-head').textContent()).toContain('ran main.py');
    // Running the open file instead is an explicit choice.
    await candidate.getByRole('button', { name: 'Run util.py instead' }).click();
    await until(
      async () => (await candidate.locator('.console-head').textContent())?.includes('ran util.py') ?? false,
      'util.py ran',
      30_000,
    );
    await candidate.locator('.console .badge[data-verdict]').waitFor({ timeout: 30_000 });
    // Making util.py the entry changes everyone's button.
    await candidate.getByRole('button', { name: 'Make util.py the entry file' }).click();
    await until(async () => (await runButton(interviewer).textContent()) === 'Run util.py', 'Run util.py for Ian');
    await candidate.getByRole('button', { name: 'Make main.py the entry file' }).waitFor({ state: 'detached' });
    await tab(candidate, 'main.py').click();
    await candidate.getByRole('button', { name: 'Make main.py the entry file' }).click();
    await until(async () => (await runButton(interviewer).textContent()) === 'Run main.py', 'Run main.py for Ian');
  }, 90_000);

  it('[WEB9] a Python SyntaxError is a syntax error, exit codes are shown', async () => {
    await setCode(candidate, 'print(\n');
    await runAndWait(candidate);
    const badge = await candidate.locator('.console .badge[data-verdict]').textContent();
    expect(badge).toMatch(/Syntax error/);
    expect(badge).not.toMatch(/Runtime error/);
    await setCode(candidate, 'import sys\nsys.exit(3)\n');
    await runAndWait(candidate);
    expect(await candidate.locator('.console-head').textContent()).toMatch(/exit code 3/);
  }, 60_000);

  it('[WEB9] a time limit says the limit', async () => {
    await setCode(candidate, 'while True:\n    pass\n');
    await runAndWait(candidate);
    expect(await candidate.locator('.console .badge[data-verdict]').textContent()).toMatch(/Time limit.*\d+(\.\d+)? s/);
  }, 60_000);

  it('[WEB6] the console follows streaming output, is resizable, and a traceback after a long printout is visible', async () => {
    await setCode(
      candidate,
      'import time\nfor i in range(1500):\n    print("line", i, flush=True)\n    if i % 100 == 0: time.sleep(0.05)\nraise ValueError("the end")\n',
    );
    await runButton(candidate).click();
    const pinned = () => {
      const el = document.querySelector('.console') as HTMLElement;
      return el.scrollHeight > el.clientHeight + 50 && el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
    };
    // While it streams.
    await waitInPage(
      candidate,
      'the console scrolled to the newest line while running',
      () => {
        const running = document.querySelector('.console .badge.running');
        const el = document.querySelector('.console') as HTMLElement | null;
        return Boolean(
          running &&
            el &&
            el.scrollHeight > el.clientHeight + 50 &&
            el.scrollTop + el.clientHeight >= el.scrollHeight - 4,
        );
      },
      30_000,
    );
    await candidate.locator('.console .badge[data-verdict]').waitFor({ timeout: 30_000 });
    await waitInPage(candidate, 'the console pinned to the end', pinned);
    // The traceback's last line is on screen inside the console.
    const where = await candidate.evaluate(() => {
      const box = (document.querySelector('.console') as HTMLElement).getBoundingClientRect();
      const walker = document.createTreeWalker(document.querySelector('.console') as Node, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf('ValueError: the end') ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'ValueError: the end'.length);
        const r = range.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, boxTop: box.top, boxBottom: box.bottom };
      }
      return null;
    });
    expect(where).not.toBeNull();
    expect(where && where.bottom <= where.boxBottom && where.top >= where.boxTop, JSON.stringify(where)).toBe(true);
    expect(await candidate.locator('.console').evaluate((el) => getComputedStyle(el).resize)).toMatch(/vertical|both/);
  }, 60_000);

  it('[WEB8] notices do not push the layout down', async () => {
    const top = () => candidate.locator('.room-body').evaluate((el) => el.getBoundingClientRect().top);
    const before = await top();
    await setCode(candidate, 'import time\ntime.sleep(2)\n');
    await runButton(candidate).click();
    // A second run while one is going is refused with a notice.
    await candidate.locator('.cm-content').click();
    await candidate.keyboard.press('Control+Enter');
    await candidate.locator('.room [role="alert"]').waitFor();
    expect(await top()).toBe(before);
    await candidate.locator('.console .badge[data-verdict]').waitFor({ timeout: 30_000 });
    await setCode(candidate, 'print("Hello, CodeSync!")\n');
  }, 60_000);

  it('[WEB8] a 390 px phone gets no horizontal overflow', async () => {
    const phone = await personPage(web.browser, { width: 390, height: 844 });
    const width = () => phone.evaluate(() => document.documentElement.scrollWidth);
    // The landing page with its three links, then the room as the interviewer (the most buttons).
    const links = await createInterview(phone, web.stack.worker.url);
    expect(await width()).toBeLessThanOrEqual(390);
    await join(phone, links.interviewer, 'Pat');
    expect(await width()).toBeLessThanOrEqual(390);
    await phone.context().close();
  });

  it('[WEB7] the dark theme has text and the Run button at ≥ 4.5:1', async () => {
    const dark = await personPage(web.browser, { colorScheme: 'dark' });
    await join(dark, room.links.interviewer, 'Dee');
    await setCode(dark, 'def f(x: int) -> str:\n    # a comment\n    return "s" + str(x * 2) if True else None\n');
    // Syntax colours arrive with the language package.
    await waitInPage(dark, 'highlighting', () => document.querySelectorAll('.cm-line span').length > 5);
    const worst = await dark.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = (c: string) => {
        const [r, g, b] = rgb(c).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
      };
      const background = (el: Element | null): string => {
        for (let e = el; e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          const parts = rgb(c);
          if (parts.length === 3 || (parts.length === 4 && parts[3] === 1)) return c;
        }
        return 'rgb(255, 255, 255)';
      };
      const ratio = (el: Element) => {
        const [a, b] = [lum(getComputedStyle(el).color), lum(background(el))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      };
      // Text is drawn in the colour of the element that holds it: measure those.
      const ownText = (el: Element) =>
        Array.from(el.childNodes).some(
          (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').replace(/[\s\u2060]/g, '') !== '',
        );
      const elements = [
        ...Array.from(document.querySelectorAll('.cm-line, .cm-line *')),
        document.querySelector('.run-controls .primary'),
      ];
      return elements
        .filter((el): el is Element => el !== null && ownText(el))
        .map((el) => ({ text: el.textContent, ratio: ratio(el) }))
        .sort((a, b) => a.ratio - b.ratio)[0];
    });
    expect(worst?.ratio, `"${worst?.text}" at ${worst?.ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4.5);
    await setCode(dark, 'print("Hello, CodeSync!")\n');
    await dark.context().close();
  });
});

describe('the landing page and assets', () => {
  it('[WEB10] the landing page does not load the editor', async () => {
    const p = await personPage(web.browser);
    const scripts: string[] = [];
    p.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.url());
    });
    await p.goto(web.stack.worker.url);
    await p.getByRole('button', { name: 'Create interview' }).waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    for (const url of scripts) {
      const code = await (await fetch(url)).text();
      expect(code.includes('cm-content'), `${url} carries CodeMirror`).toBe(false);
    }
    await p.context().close();
  });

  it('[WEB10] hashed assets are cached for a year; the page itself is not', async () => {
    const html = await (await fetch(web.stack.worker.url)).text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const res = await fetch(`${web.stack.worker.url}${asset}`);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    const page = await fetch(web.stack.worker.url);
    expect(page.headers.get('cache-control') ?? '').not.toMatch(/max-age=31536000/);
  });
});
