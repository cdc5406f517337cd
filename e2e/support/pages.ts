/**
 * The web app's pages as a person uses them, for browser tests: a fresh browser
 * context per person, joining a room by its link, creating an interview.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitInPage } from './browser';

export interface PageOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
}

/**
 * How long a room page may take to load or show its editor (a deadline, not a wait):
 * inside a full run, beside the fuzzer and other files' stacks, a reload once took
 * past Playwright's default 30 s.
 */
const PAGE_LOAD_MS = 60_000;

/** A new person: their own context (storage, cookies) and one page. Dialogs are accepted. */
export async function personPage(browser: Browser, options: PageOptions = {}): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 720 },
    colorScheme: options.colorScheme ?? 'light',
  });
  // Every goto and reload of this person's tabs.
  context.setDefaultNavigationTimeout(PAGE_LOAD_MS);
  const p = await context.newPage();
  p.on('dialog', (dialog) => void dialog.accept());
  return p;
}

/** The connection badge says connected. */
export function connected(p: Page, timeout = 15_000): Promise<void> {
  return waitInPage(
    p,
    'connected',
    () => document.querySelector('[data-status]')?.getAttribute('data-status') === 'connected',
    timeout,
  );
}

/** Opens a room link, gives a name if asked, and waits for the editor and the connection. */
export async function join(p: Page, link: string, name: string): Promise<void> {
  await p.goto(link);
  const nameBox = p.getByLabel('Your name, as others will see it');
  // The room page loads on demand: wait for it to ask for a name or show the code. The
  // first page of a file loads the room's chunks and syncs while other files' stacks
  // and fuzzers share the two cores: 30 s was seen to run out in a full run.
  await nameBox.or(p.locator('.cm-content')).first().waitFor({ timeout: PAGE_LOAD_MS });
  if (await nameBox.isVisible()) {
    await nameBox.fill(name);
    await p.getByRole('button', { name: 'Join' }).click();
  }
  await p.locator('.cm-content').waitFor({ timeout: PAGE_LOAD_MS });
  await connected(p);
}

/** Creates an interview through the landing page; answers the three links. */
export async function createInterview(p: Page, baseUrl: string, language = 'python', title = 'Pairing session') {
  await p.goto(baseUrl);
  await p.getByLabel('Title').fill(title);
  await p.getByLabel('Language').selectOption(language);
  await p.getByRole('button', { name: 'Create interview' }).click();
  const link = (role: string) => p.getByLabel(`${role} link`, { exact: true }).inputValue();
  return {
    interviewer: await link('interviewer'),
    candidate: await link('candidate'),
    observer: await link('observer'),
  };
}

/** Puts the cursor at the end of the open file. */
export async function toEnd(p: Page): Promise<void> {
  await p.locator('.cm-content').click();
  await p.keyboard.press('Control+End');
}
