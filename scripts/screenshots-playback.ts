/**
 * docs/playback.png: the playback page after a short interview made through the real
 * room (two people typing through stock Yjs clients, a second file, a run), with the
 * playhead part-way and a run's output open. From the real product in Chromium.
 *
 *   npx tsx scripts/screenshots-playback.ts
 */
import path from 'node:path';
import type * as Y from 'yjs';
import { launchChromium } from '../e2e/support/browser';
import { whenSynced, yWebsocketClient } from '../e2e/support/clients';
import { startStack } from '../e2e/support/stack';
import { apiOf, createRoom, until } from '../e2e/support/worker';
import { fileByPath } from '../worker/src/room/doc';
import { ROOT } from './lib/processes.mjs';
import { buildWeb } from './lib/web.mjs';

const CANDIDATE = `def two_sum(nums, target):
    seen = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return seen[target - n], i
        seen[n] = i

print(*two_sum([2, 7, 11, 15], 9))
`;
const INTERVIEWER = '# What if no two numbers add up to the target?\n';

/** Types one keystroke (one update) at a time, a few ms apart so the timeline has a shape. */
async function type(doc: Y.Doc, at: (text: Y.Text, i: number) => number, chars: string) {
  for (const [i, ch] of [...chars].entries()) {
    const text = fileByPath(doc, 'main.py')?.text as Y.Text;
    text.insert(at(text, i), ch);
    await new Promise((r) => setTimeout(r, 15));
  }
}

buildWeb();
const stack = await startStack();
const browser = await launchChromium();
try {
  const room = await createRoom(stack.worker, { title: 'Two sum pairing', language: 'python' });
  const cara = yWebsocketClient(stack.worker, room, 'candidate', 'Cara');
  const ian = yWebsocketClient(stack.worker, room, 'interviewer', 'Ian');
  await Promise.all([cara, ian].map(whenSynced));
  const main = fileByPath(cara.doc, 'main.py')?.text as Y.Text;
  cara.doc.transact(() => main.delete(0, main.length));
  await type(cara.doc, (t) => t.length, CANDIDATE);
  await until(() => fileByPath(ian.doc, 'main.py')?.text.toString() === CANDIDATE, 'the code at the interviewer');
  await type(ian.doc, (_, i) => i, INTERVIEWER);
  const api = apiOf(stack.worker);
  const run = await api(`/api/rooms/${room.roomId}/runs`, {
    method: 'POST',
    token: room.tokens.candidate,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: 'main.py', stdin: '' }),
  });
  const { runId } = (await run.json()) as { runId: string };
  await until(
    async () => {
      const res = await api(`/api/rooms/${room.roomId}/runs/${runId}`, { token: room.tokens.interviewer });
      return ((await res.json()) as { state: string }).state === 'finished';
    },
    'the run',
    60_000,
  );
  await type(cara.doc, (t) => t.length, '# O(n) time, O(n) space\n');

  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await page.goto(`${stack.worker.url}/r/${room.roomId}/playback#token=${room.tokens.interviewer}`);
  await page.waitForFunction(() => window.codesyncPlayback?.client.getState().done);
  await page.locator(`.marker[data-run="${runId}"]`).click();
  await page.locator('.playback-run-output').waitFor();
  await page.screenshot({ path: path.join(ROOT, 'docs/playback.png') });
  for (const c of [cara, ian]) c.destroy();
} finally {
  await browser.close();
  await stack.dispose();
}
process.exit(0);
