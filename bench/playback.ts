/**
 * The playback page on a synthetic hour of interview (bench/playback/record.ts: two
 * typists at 5 keystrokes/s for 60 minutes = 36 000 updates, 40 runs, three files),
 * made through the real room and executor in about two minutes. Then, in Chromium:
 * time to the first frame, seeks to random points, frames per second playing at 32×,
 * bytes downloaded. Beside them, in the same run and on the same history in Node: a
 * seek that replays from the start (no checkpoints) and waiting for every page before
 * the first frame.
 *
 *   npm run bench:playback          (BENCH_UPDATES, BENCH_SECONDS to change the size)
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { launchChromium } from '../e2e/support/browser';
import { startStack } from '../e2e/support/stack';
import { apiOf, createRoom } from '../e2e/support/worker';
import { buildWeb } from '../scripts/lib/web.mjs';
import { decodePage, type PageUpdate } from '../worker/src/playback/page';
import { Replay } from '../worker/src/playback/replay';
import { type PlaybackManifest, playbackManifest } from '../worker/src/playback/schema';
import { listFiles } from '../worker/src/room/doc';
import { summarize, table } from './lib/stats';
import { HOUR_UPDATES, RUNS, recordInterview } from './playback/record';

const UPDATES = Number(process.env.BENCH_UPDATES ?? HOUR_UPDATES);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 100);
const SEEKS = 200;
const BASELINE_SEEKS = 20;
const PLAY_MS = 10_000;

/** Random moments, the same for every column. */
function moments(first: number, last: number, n: number): number[] {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: n }, () => first + next() * (last - first));
}

async function main() {
  buildWeb();
  const stack = await startStack({ EXECUTOR_OWNER: 'bench-playback' });
  const browser = await launchChromium();
  try {
    const room = await createRoom(stack.worker, { title: 'Synthetic hour', language: 'python' });
    console.log(
      `Recording ${UPDATES} keystrokes (two typists, ${(UPDATES / 10 / 60).toFixed(0)} minutes at 5/s each) and ${RUNS} runs through the real room, compressed into ~${SECONDS} s by typing through many sockets at once…`,
    );
    const recorded = await recordInterview(stack, room, UPDATES, SECONDS);
    console.log(`Recorded in ${recorded.tookS.toFixed(0)} s.`);

    // Node: the same history, the baselines.
    const api = apiOf(stack.worker);
    const manifestRes = await api(`/api/rooms/${room.roomId}/history`, { token: room.tokens.interviewer });
    const manifestText = await manifestRes.text();
    const manifest: PlaybackManifest = playbackManifest.parse(JSON.parse(manifestText));
    const fetchStarted = performance.now();
    let firstPageMs = 0;
    const updates: PageUpdate[] = [];
    let pageBytes = 0;
    for (const page of manifest.pages) {
      const res = await api(`/api/rooms/${room.roomId}/history/updates?from=${page.from}&to=${page.to}`, {
        token: room.tokens.interviewer,
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      pageBytes += bytes.byteLength;
      updates.push(...decodePage(bytes).updates);
      if (firstPageMs === 0) firstPageMs = performance.now() - fetchStarted;
    }
    const allPagesMs = performance.now() - fetchStarted;
    const replay = new Replay();
    const appendStarted = performance.now();
    replay.append(updates);
    const appendMs = performance.now() - appendStarted;
    const first = manifest.updates.firstAt ?? 0;
    const last = manifest.updates.lastAt ?? 0;
    const targets = moments(first, last, SEEKS);
    const checkpointed = targets.map((at) => {
      const t = performance.now();
      replay.seek(replay.indexAt(at));
      replay.files();
      return performance.now() - t;
    });
    const fromStart = targets.slice(0, BASELINE_SEEKS).map((at) => {
      const t = performance.now();
      const doc = new Y.Doc();
      const n = replay.indexAt(at);
      for (let i = 0; i < n; i++) Y.applyUpdate(doc, (updates[i] as PageUpdate).update);
      listFiles(doc).map((f) => f.text.toString());
      doc.destroy();
      return performance.now() - t;
    });

    // Chromium: the page as an interviewer opens it.
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    let downloaded = 0;
    page.on('response', (res) => {
      if (res.url().includes(`/api/rooms/${room.roomId}/history`))
        void res.body().then((b) => (downloaded += b.length));
    });
    await page.goto(`${stack.worker.url}/r/${room.roomId}/playback#token=${room.tokens.interviewer}`);
    await page.waitForFunction(() => window.codesyncPlayback?.client.getState().done, undefined, { timeout: 120_000 });
    const opened = await page.evaluate(() => window.codesyncPlayback?.client.stats);
    // Where the first frame's time goes: the page's own resource timings.
    const timings = await page.evaluate(() =>
      // (No named functions in here: tsx would wrap them in a helper the page does not have.)
      Object.fromEntries(
        ['/history', 'replay.worker'].map((part) => [
          part,
          performance
            .getEntriesByType('resource')
            .filter(
              (e) =>
                new URL(e.name).pathname.endsWith(part) ||
                e.name.includes(`${part}?`) ||
                (part === 'replay.worker' && e.name.includes(part)),
            )
            .map((e) => (e as PerformanceResourceTiming).responseEnd)[0],
        ]),
      ),
    );
    const seekMs = await page.evaluate(async (targets) => {
      const player = window.codesyncPlayback;
      if (!player) throw new Error('no player');
      const times = player.client.getState().times;
      const out: number[] = [];
      for (const at of targets) {
        let position = 0;
        for (let lo = 0, hi = times.length; lo < hi; ) {
          const mid = (lo + hi) >> 1;
          if ((times[mid] as number) <= at) lo = mid + 1;
          else hi = mid;
          position = lo;
        }
        const t = performance.now();
        player.seekTo(at);
        while (player.client.getState().frame?.position !== position) await new Promise((r) => setTimeout(r, 0));
        // Painted: the frame after the one that applied it.
        await new Promise((r) => requestAnimationFrame(r));
        out.push(performance.now() - t);
      }
      return out;
    }, targets);
    // Scrubbing: the pointer dragged across the whole timeline, frames counted meanwhile.
    const track = await page.getByRole('slider', { name: 'Playhead' }).boundingBox();
    if (!track) throw new Error('no timeline');
    // A string: tsx would wrap a named function in a helper the page does not have.
    await page.evaluate(`
      window.ticks = [];
      window.counting = true;
      requestAnimationFrame(function tick(t) {
        window.ticks.push(t);
        if (window.counting) requestAnimationFrame(tick);
      });
    `);
    const y = track.y + track.height / 2;
    await page.mouse.move(track.x + 2, y);
    await page.mouse.down();
    await page.mouse.move(track.x + track.width - 2, y, { steps: 240 });
    await page.mouse.up();
    const scrub = await page.evaluate(() => {
      const w = window as unknown as { ticks: number[]; counting: boolean };
      w.counting = false;
      const seconds = ((w.ticks.at(-1) ?? 0) - (w.ticks[0] ?? 0)) / 1000;
      return { fps: (w.ticks.length - 1) / seconds, seconds };
    });
    await page.evaluate((at) => window.codesyncPlayback?.seekTo(at), first);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('32');
    await page.getByRole('button', { name: 'Play' }).click();
    // Counted only while it plays: the compressed history is over in a few seconds at 32×.
    const played = await page.evaluate(async (ms) => {
      const player = window.codesyncPlayback;
      if (!player) throw new Error('no player');
      const times = player.client.getState().times;
      const end = times[times.length - 1] ?? 0;
      const frames0 = player.client.stats.frames;
      const ticks: number[] = [];
      const until = performance.now() + ms;
      while (performance.now() < until && player.at() < end) {
        ticks.push(await new Promise<number>((r) => requestAnimationFrame(r)));
      }
      const seconds = ((ticks.at(-1) ?? 0) - (ticks[0] ?? 0)) / 1000;
      const gaps = ticks.slice(1).map((t, i) => t - (ticks[i] as number));
      return {
        seconds,
        fps: (ticks.length - 1) / seconds,
        framesShown: (player.client.stats.frames - frames0) / seconds,
        longest: Math.max(...gaps),
      };
    }, PLAY_MS);

    const s = summarize(seekMs);
    const c = summarize(checkpointed);
    const b = summarize(fromStart);
    console.log(
      `\nHistory: ${manifest.updates.count} updates, ${manifest.pages.length} pages, ${manifest.events.length} events; the typing of two people over ${(UPDATES / 10 / 60).toFixed(0)} minutes, recorded in ${recorded.tookS.toFixed(0)} s (the room's clock spans ${((last - first) / 1000).toFixed(0)} s)\n`,
    );
    console.log(
      table([
        {
          figure: 'first frame (page open → first page replayed, Chromium)',
          value: opened?.firstFrameAt ?? NaN,
          aim: '≤ 1000 ms',
        },
        {
          figure: "  of which: manifest in / worker script in (the pages are the worker's)",
          value: `${timings['/history']?.toFixed(0)} / ${timings['replay.worker']?.toFixed(0)}`,
          aim: '',
        },
        { figure: 'baseline: every page downloaded first (Node, no replay)', value: allPagesMs, aim: '' },
        { figure: 'first page downloaded (Node)', value: firstPageMs, aim: '' },
        { figure: 'whole history in (Chromium)', value: opened?.doneAt ?? NaN, aim: '' },
        { figure: `seek p50 (Chromium, seek → painted, n=${s.n})`, value: s.p50, aim: '' },
        { figure: 'seek p99 (Chromium)', value: s.p99, aim: '≤ 50 ms' },
        {
          figure: `seek p50 / p99, checkpoints (Node, n=${c.n})`,
          value: `${c.p50.toFixed(2)} / ${c.p99.toFixed(2)}`,
          aim: '',
        },
        {
          figure: `baseline: seek replaying from the start p50 / p99 (Node, n=${b.n})`,
          value: `${b.p50.toFixed(1)} / ${b.p99.toFixed(1)}`,
          aim: '',
        },
        { figure: 'checkpoints built for the whole history (Node)', value: appendMs, aim: '' },
        {
          figure: `frames per second playing at 32× (requestAnimationFrame, over ${played.seconds.toFixed(1)} s)`,
          value: played.fps,
          aim: '≥ 55',
        },
        {
          figure: `frames per second scrubbing across the timeline (${scrub.seconds.toFixed(1)} s drag)`,
          value: scrub.fps,
          aim: '≥ 55',
        },
        { figure: 'replay frames shown per second at 32×', value: played.framesShown, aim: '' },
        { figure: 'longest frame while playing (ms)', value: played.longest, aim: '' },
        { figure: 'bytes downloaded: manifest + pages (KB)', value: downloaded / 1024, aim: '≤ 2048 per hour' },
        { figure: 'of which pages (KB)', value: pageBytes / 1024, aim: '' },
        { figure: 'manifest (KB)', value: manifestText.length / 1024, aim: '' },
      ]),
    );
  } finally {
    await browser.close();
    await stack.dispose();
  }
  process.exit(0);
}

await main();
