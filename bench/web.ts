/**
 * Keystroke in one Chromium page → paint in another (p50/p99, timestamps taken in the
 * pages), beside keystroke → paint in the typing page itself (the local baseline), and
 * the room page's JavaScript size (gzip), in one run.
 *
 *   npm run bench:web
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser';
import { startWorker } from '../e2e/support/worker';
import { ROOT } from '../scripts/lib/processes.mjs';
import { buildWeb } from '../scripts/lib/web.mjs';
import { summarize, table } from './lib/stats';

const KEYS = Number(process.env.BENCH_KEYS ?? 300);
const DELAY_MS = 30;

async function open(page: Page, url: string, name: string) {
  await page.addInitScript((n) => localStorage.setItem('codesync.name', n), name);
  await page.goto(url);
  await page.locator('.cm-content').waitFor();
  await page.waitForFunction(
    () => document.querySelector('[data-status]')?.getAttribute('data-status') === 'connected',
  );
}

/** Records, in the page, when each new character of the document is painted. */
function recordPaints(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { paints: number[]; codesyncEditor: { state: { doc: { length: number } } } };
    w.paints = [];
    let seen = w.codesyncEditor.state.doc.length;
    new MutationObserver(() =>
      requestAnimationFrame(() => {
        const now = performance.timeOrigin + performance.now();
        for (const length = w.codesyncEditor.state.doc.length; seen < length; seen++) w.paints.push(now);
      }),
    ).observe(document.querySelector('.cm-content') as Node, { childList: true, subtree: true, characterData: true });
  });
}

async function main() {
  buildWeb();
  const worker = await startWorker();
  const browser = await launchChromium();
  try {
    const created = (await (await fetch(`${worker.url}/api/rooms`, { method: 'POST', body: '{}' })).json()) as {
      links: { candidate: string; interviewer: string };
    };
    const typist = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    const watcher = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    const scripts: string[] = [];
    typist.on('response', (res) => res.url().endsWith('.js') && scripts.push(new URL(res.url()).pathname));
    await open(typist, created.links.candidate, 'Typist');
    await open(watcher, created.links.interviewer, 'Watcher');

    await typist.locator('.cm-content').click();
    await typist.keyboard.press('Control+End');
    await typist.evaluate(() => {
      const w = window as unknown as { keys: number[] };
      w.keys = [];
      document.addEventListener('keydown', () => w.keys.push(performance.timeOrigin + performance.now()), true);
    });
    await recordPaints(typist);
    await recordPaints(watcher);
    await typist.keyboard.type('x'.repeat(KEYS), { delay: DELAY_MS });
    await watcher.waitForFunction((n) => (window as unknown as { paints: number[] }).paints.length >= n, KEYS, {
      timeout: 30_000,
    });
    const keys = (await typist.evaluate(() => (window as unknown as { keys: number[] }).keys)) as number[];
    const remote = (await watcher.evaluate(() => (window as unknown as { paints: number[] }).paints)) as number[];
    const local = (await typist.evaluate(() => (window as unknown as { paints: number[] }).paints)) as number[];
    const latency = (paints: number[]) => summarize(keys.map((k, i) => (paints[i] as number) - k));
    const r = latency(remote);
    const l = latency(local);

    const gzip = (file: string) => gzipSync(readFileSync(path.join(ROOT, 'web/dist', file))).byteLength;
    const roomJs = [...new Set(scripts)].reduce((sum, file) => sum + gzip(file), 0);
    console.log(`\nKeystroke → paint, ${KEYS} keys typed ${DELAY_MS} ms apart, over loopback\n`);
    console.log(
      table([
        { path: 'other page (keystroke → sync → paint)', 'p50 ms': r.p50, 'p99 ms': r.p99, n: r.n },
        { path: 'typing page itself (local baseline)', 'p50 ms': l.p50, 'p99 ms': l.p99, n: l.n },
      ]),
    );
    console.log(
      `\nRoom page JavaScript: ${(roomJs / 1024).toFixed(1)} KB gzip across ${new Set(scripts).size} files (python room)`,
    );
  } finally {
    await browser.close();
    await worker.dispose();
  }
  process.exit(0);
}

await main();
