/**
 * Debian's Chromium driven by playwright-core, and helpers to read what a page shows.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Stack, startStack } from './stack';
import { startWorker, type Worker } from './worker';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The open editor's text, from CodeMirror's state (cursor labels live in the DOM). */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => window.codesyncEditor?.state.doc.toString() ?? '');
}

/** Waits until `check` is truthy in the page, with a deadline. */
export async function waitInPage(page: Page, what: string, check: () => boolean, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(check, undefined, { timeout, polling: 50 });
  } catch (error) {
    throw new Error(`timed out waiting for ${what}: ${(error as Error).message.split('\n')[0]}`);
  }
}

declare global {
  interface Window {
    codesyncEditor?: { state: { doc: { toString(): string } } };
    /** The playback page's player (web/src/playback/Player.tsx): its playhead and replay. */
    codesyncPlayback?: {
      seekTo(at: number): void;
      /** Where the playhead is (unix ms). */
      at(): number;
      client: {
        getState(): {
          done: boolean;
          bytes: number;
          times: Float64Array;
          frame: { position: number; files: { path: string; content: string }[] } | null;
        };
        stats: {
          startedAt: number;
          firstFrameAt: number | null;
          doneAt: number | null;
          frames: number;
          seekMs: number[];
        };
      };
    };
    /** The room's connection (web/src/room/useRoom.ts): presence is read from it. */
    codesyncConnection?: {
      awareness: { getLocalState(): Record<string, unknown> | null };
      doc: { getMap(name: string): { values(): IterableIterator<unknown> } };
    };
  }
}

/**
 * The stack (wrangler dev + executor) and one Chromium for a browser test file, started
 * before its tests and stopped after them. Read `web.stack` and `web.browser` inside tests.
 *
 * @example
 * const web = useWebStack();
 * it('…', async () => { const page = await personPage(web.browser); … web.stack.worker.url … });
 */
export function useWebStack(env?: Record<string, string>): { readonly stack: Stack; readonly browser: Browser } {
  const web = {} as { stack: Stack; browser: Browser };
  beforeAll(async () => {
    [web.stack, web.browser] = await Promise.all([startStack(env), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await web.browser?.close();
    await web.stack?.dispose();
  }, 60_000);
  return web;
}

/**
 * The worker alone (wrangler dev, no executor) and one Chromium for a browser test file
 * that runs no code, started before its tests and stopped after them.
 *
 * @example
 * const web = useWebWorker();
 * it('…', async () => { const page = await personPage(web.browser); … web.worker.url … });
 */
export function useWebWorker(): { readonly worker: Worker; readonly browser: Browser } {
  const web = {} as { worker: Worker; browser: Browser };
  beforeAll(async () => {
    [web.worker, web.browser] = await Promise.all([startWorker(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await web.browser?.close();
    await web.worker?.dispose();
  }, 60_000);
  return web;
}
