/**
 * Debian's Chromium driven by playwright-core, and helpers to read what a page shows.
 */
import { type Browser, chromium, type Page } from 'playwright-core';

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
    /** The room's connection (web/src/room/useRoom.ts): presence is read from it. */
    codesyncConnection?: {
      awareness: { getLocalState(): Record<string, unknown> | null };
      doc: { getMap(name: string): { values(): IterableIterator<unknown> } };
    };
  }
}
