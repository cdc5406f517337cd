/**
 * Libraries in the browser: a candidate declares an npm package beside the Run button,
 * everyone sees the list, and the next run installs it from a real registry on loopback
 * (verdaccio, the package published by this test) and uses it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NpmRegistry, startNpmRegistry } from '../executor/test/support/npmRegistry';
import { launchChromium } from './support/browser';
import { createInterview, join, personPage } from './support/pages';
import { type Stack, startStack } from './support/stack';

let stack: Stack;
let browser: Browser;
let registry: NpmRegistry;
const cacheDir = mkdtempSync(path.join(tmpdir(), 'codesync-e2e-packages-'));

beforeAll(async () => {
  registry = await startNpmRegistry();
  await registry.publish('cs-shout', '1.0.0', 'module.exports = (s) => s.toUpperCase() + "!";\n');
  [stack, browser] = await Promise.all([
    startStack({ EXECUTOR_NPM_REGISTRY: registry.url, EXECUTOR_PACKAGES_DIR: cacheDir }),
    launchChromium(),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
  await registry?.close();
  rmSync(cacheDir, { recursive: true, force: true });
}, 60_000);

const declared = (p: Page) => p.getByLabel('Declared libraries');

describe('libraries declared in the room', () => {
  it('[LIB9] a candidate declares an npm package beside Run; everyone sees it and the run uses it', async () => {
    const [interviewer, candidate, observer] = await Promise.all([
      personPage(browser),
      personPage(browser),
      personPage(browser),
    ]);
    const links = await createInterview(interviewer, stack.worker.url, 'javascript');
    await join(interviewer, links.interviewer, 'Ian');
    await join(candidate, links.candidate, 'Cara');
    await join(observer, links.observer, 'Olga');
    expect(await declared(candidate).textContent()).toBe('none');
    expect(await observer.getByRole('button', { name: 'Edit libraries' }).count()).toBe(0);

    // A spec the server refuses is shown in its words, and nothing changes.
    await candidate.getByRole('button', { name: 'Edit libraries' }).click();
    await candidate.getByLabel('Libraries to install').fill('git+https://example.com/x.git');
    await candidate.getByRole('button', { name: 'Save' }).click();
    await candidate.getByRole('alert').filter({ hasText: 'name@exact-version' }).waitFor();

    await candidate.getByLabel('Libraries to install').fill('cs-shout@1.0.0');
    await candidate.getByRole('button', { name: 'Save' }).click();
    for (const p of [candidate, interviewer, observer]) {
      await declared(p).filter({ hasText: 'cs-shout@1.0.0' }).waitFor();
    }

    await candidate.locator('.cm-content').click();
    await candidate.keyboard.press('Control+A');
    await candidate.keyboard.insertText("console.log(require('cs-shout')('hello'));\n");
    await candidate.getByRole('button', { name: 'Run' }).click();
    for (const p of [candidate, interviewer]) {
      await p.locator('.console .badge[data-verdict="ok"]').waitFor({ timeout: 60_000 });
      expect(await p.locator('.console .output').textContent()).toContain('HELLO!');
    }
  }, 180_000); // three pages, a first install and a run, on two shared cores
});
