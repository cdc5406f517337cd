/**
 * The playback's reconstruction, off the main thread (a Vite module worker): it holds
 * the one Replay (worker/src/playback/replay.ts), downloads the manifest's pages in
 * order and appends each as it arrives (the first frame needs only the first page),
 * and answers each seek with the files at that position, their author spans naming
 * people by their index in the manifest.
 */
import { decodePage, type PageUpdate } from '@codesync/worker/playback-page';
import { CHECKPOINT_EVERY, Replay } from '@codesync/worker/playback-replay';
import type { PlaybackPage, PlaybackPerson } from '@codesync/worker/playback-schema';
import { fetchPage } from './fetchHistory';
import { type FromReplay, type ToReplay, toReplay } from './protocol';

const replay = new Replay();
let personIndex = new Map<string, number>();
const key = (p: PlaybackPerson) => `${p.role}\u0000${p.name}`;

function post(message: FromReplay, transfer: Transferable[] = []): void {
  postMessage(message, { transfer });
}

/** Lets the seeks that arrived meanwhile run (a message task; setTimeout would be clamped to 4 ms). */
function yieldToSeeks(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Appends a page a checkpoint's worth at a time, telling the page after each, so the
 * first frame waits for the first CHECKPOINT_EVERY updates only and a seek never waits
 * behind a whole page.
 */
async function appendInSteps(updates: readonly PageUpdate[], bytes: number, last: boolean): Promise<void> {
  for (let from = 0; from < updates.length; ) {
    const to = Math.min(updates.length, from + CHECKPOINT_EVERY - (replay.length % CHECKPOINT_EVERY));
    const step = updates.slice(from, to);
    replay.append(step);
    const times = Float64Array.from(step, (u) => u.at);
    post({ type: 'loaded', times, length: replay.length, bytes, done: last && to === updates.length }, [times.buffer]);
    from = to;
    await yieldToSeeks();
  }
}

async function download(roomId: string, token: string, pages: readonly PlaybackPage[]): Promise<void> {
  let bytes = 0;
  // The next page downloads while this one is appended.
  let next = pages[0] ? fetchPage(roomId, token, pages[0]) : null;
  for (let i = 0; next; i++) {
    const answer = await next;
    const following = pages[i + 1];
    next = following ? fetchPage(roomId, token, following) : null;
    if (!answer.ok) {
      post({ type: 'failed', message: answer.message });
      return;
    }
    let updates: PageUpdate[];
    try {
      updates = decodePage(answer.value).updates;
    } catch (error) {
      post({ type: 'failed', message: `A page of history could not be read: ${(error as Error).message}` });
      return;
    }
    bytes += answer.value.byteLength;
    await appendInSteps(updates, bytes, !following);
  }
  if (pages.length === 0 || replay.length === 0)
    post({ type: 'loaded', times: new Float64Array(), length: 0, bytes, done: true });
}

function frame(asked: number): void {
  const started = performance.now();
  replay.seek(asked);
  const files = replay.files().map((f) => ({
    id: f.id,
    path: f.path,
    content: f.content,
    spans: f.spans.map((s) => ({ person: s.who ? (personIndex.get(key(s.who)) ?? -1) : -1, length: s.length })),
  }));
  const entry = replay.entry();
  const ms = performance.now() - started;
  post({ type: 'frame', asked, position: replay.position, files, entry, ms });
}

addEventListener('message', (event: MessageEvent) => {
  const message = toReplay.safeParse(event.data);
  if (!message.success) {
    console.error('the playback worker was sent something it does not know', message.error.issues.slice(0, 3));
    return;
  }
  const m: ToReplay = message.data;
  switch (m.type) {
    case 'open':
      personIndex = new Map(m.people.map((p, i) => [key(p), i]));
      void download(m.roomId, m.token, m.pages);
      return;
    case 'seek':
      frame(m.position);
      return;
    default: {
      const unreachable: never = m;
      throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
    }
  }
});
