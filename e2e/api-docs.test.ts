/**
 * The docs page in a real browser under the real CSP (SPEC § OpenAPI): it renders every
 * route from the worker's own document, makes no request to another origin, and the
 * browser reports no error (a CSP refusal would be one).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { personPage } from './support/pages';
import { startWorker, type Worker } from './support/worker';

let worker: Worker;
let browser: Browser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
});

describe('GET /api/docs in Chromium', () => {
  it('[API5] renders every documented route with no error and nothing fetched from another origin', async () => {
    const doc = (await (await fetch(`${worker.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
    const page = await personPage(browser);
    const problems: string[] = [];
    const origins = new Set<string>();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => origins.add(new URL(request.url()).origin));

    const res = await page.goto(`${worker.url}/api/docs`);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('CodeSync room API');
    const headings = await page.locator('h3 code').allTextContents();
    for (const path of Object.keys(doc.paths)) {
      expect(
        headings.some((h) => h.endsWith(` ${path}`)),
        `${path} on the page`,
      ).toBe(true);
    }
    expect(problems).toEqual([]);
    expect([...origins]).toEqual([worker.url]);
  });
});
