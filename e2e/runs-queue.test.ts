/**
 * A run waiting for a sandbox shows its place in line to everyone in its room, end to
 * end (issue 19): wrangler dev, a real executor with one slot, Docker. Room A's run
 * holds the slot, room B's waits 1st, room C's 2nd and then 1st; C's two participants
 * (stock events clients, folding with the web app's fold) and an observer's page in
 * Chromium see each place, then C's output.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClosed, outputOf, type Run } from '../worker/src/runs/run';
import { launchChromium } from './support/browser';
import { join, personPage } from './support/pages';
import { Participant } from './support/participant';
import { type Stack, startStack } from './support/stack';
import { createRoom, until } from './support/worker';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startStack({ EXECUTOR_CONCURRENCY: '1', EXECUTOR_MAX_QUEUE: '4' }),
    launchChromium(),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
}, 60_000);

/** A room with a candidate and an interviewer, main.py replaced by `code`. */
async function roomWith(code: string) {
  const room = await createRoom(stack.worker);
  const candidate = new Participant(stack.worker, room, 'candidate', 'Cara');
  const interviewer = new Participant(stack.worker, room, 'interviewer', 'Ian');
  await Promise.all([candidate.synced(), interviewer.synced()]);
  candidate.replace('main.py', code);
  await until(() => interviewer.file().toString() === code, 'the code to reach the interviewer');
  return { room, candidate, interviewer };
}

/** The places in line a participant was shown for its room's only run, in order. */
function placesSeen(p: Participant): number[] {
  return p.messages.flatMap((m) => (m.type === 'run.event' && m.event.type === 'queued' ? [m.event.position] : []));
}

const onlyRun = (p: Participant): Run | undefined => p.runs()[0];

describe('place in line', () => {
  it('[RUN18][WEB12] everyone in a room sees its run’s place in line as it moves up, then its output', async () => {
    // A sleeps long enough for B and C to be posted behind it (their posts take milliseconds).
    const a = await roomWith('import time\ntime.sleep(4)\nprint("a")\n');
    const b = await roomWith('import time\ntime.sleep(1)\nprint("b")\n');
    const c = await roomWith('print("c")\n');
    const page = await personPage(browser);
    await join(page, c.room.links.observer, 'Olga');
    const pageSays = async (text: string) => {
      await page.waitForFunction((t) => (document.body.textContent ?? '').includes(t), text, {
        timeout: 30_000,
        polling: 50,
      });
    };

    a.candidate.run();
    await until(() => (onlyRun(a.interviewer)?.state === 'running' ? true : undefined), 'A to hold the slot');
    b.candidate.run();
    await until(() => (placesSeen(b.interviewer).includes(1) ? true : undefined), 'B to wait 1st');
    c.candidate.run();
    // The observer's page says each place while it holds (B runs a second before C's turn).
    await pageSays('Waiting for a sandbox — 2nd in line');
    await pageSays('Waiting for a sandbox — 1st in line');

    for (const p of [c.candidate, c.interviewer]) {
      const done = await until(
        () => {
          const run = onlyRun(p);
          return run && isClosed(run) ? run : undefined;
        },
        'C to finish',
        45_000,
      );
      expect(done).toMatchObject({ state: 'finished', verdict: 'ok' });
      expect(outputOf(done)).toEqual([{ stream: 'stdout', data: 'c\n' }]);
      expect(done).not.toHaveProperty('position');
      expect(placesSeen(p)).toEqual([2, 1]);
    }
    await page.locator('[data-verdict="ok"]').first().waitFor();
    // A never waited: it was never told a place.
    expect(placesSeen(a.interviewer)).toEqual([]);
    for (const p of [a, b, c].flatMap((r) => [r.candidate, r.interviewer])) p.destroy();
  }, 90_000);
});
