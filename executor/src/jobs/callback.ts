/**
 * Delivers one job's events to its callback URL, signed, in order, numbered by `seq`.
 * Output is coalesced into chunks while a request is in flight; a failed delivery is
 * retried with backoff, and a receiver that keeps failing does not stall the job:
 * redirects are never followed, each delivery is bounded in time (limits.ts), and once
 * one event is given up on the rest of the job's events are dropped.
 */
import { type JobEvent, signedHeaders } from '../api';
import { CALLBACK_ATTEMPT_TIMEOUT_MS, CALLBACK_DELIVERY_BUDGET_MS, EVENT_CHUNK_BYTES } from '../limits';
import type { RunStream } from '../stream/channel';

type Unnumbered = JobEvent extends infer E
  ? E extends JobEvent
    ? Omit<E, 'seq' | 'jobId' | 'requestId'>
    : never
  : never;

const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000];

export class EventSender {
  readonly #url: string;
  /** Path and query of the URL: what the signature covers besides method and body. */
  readonly #target: string;
  readonly #secret: string;
  readonly #jobId: string;
  readonly #requestId: string | null;
  readonly #queue: Unnumbered[] = [];
  #seq = 0;
  #pumping: Promise<void> | null = null;
  /** An interactive job's stream: while it is open, events go over it instead of a POST each. */
  #stream: RunStream | null = null;
  /** The receiver did not take an event in its budget: the rest are dropped. */
  #gaveUp = false;
  failures = 0;

  constructor(url: string, secret: string, jobId: string, requestId: string | null) {
    this.#url = url;
    const parsed = new URL(url);
    this.#target = `${parsed.pathname}${parsed.search}`;
    this.#secret = secret;
    this.#jobId = jobId;
    this.#requestId = requestId;
  }

  push(event: Unnumbered): void {
    const last = this.#queue.at(-1);
    if (event.type === 'queued' && last?.type === 'queued') {
      last.position = event.position; // not sent yet: only the newest place in line matters
    } else if (
      event.type === 'output' &&
      last?.type === 'output' &&
      last.stream === event.stream &&
      last.data.length + event.data.length <= EVENT_CHUNK_BYTES
    ) {
      last.data += event.data;
    } else {
      this.#queue.push(event);
    }
    this.#pumping ??= this.#pump().finally(() => {
      this.#pumping = null;
    });
  }

  /** From now on events go over `stream` while it is open (the same `seq`, so the room orders both). */
  via(stream: RunStream): void {
    this.#stream = stream;
  }

  /** Resolves once every pushed event was delivered or given up on. */
  async drain(): Promise<void> {
    while (this.#pumping) await this.#pumping;
  }

  async #pump(): Promise<void> {
    for (let event = this.#queue.shift(); event; event = this.#queue.shift()) {
      const numbered = { ...event, jobId: this.#jobId, requestId: this.#requestId, seq: this.#seq++ } as JobEvent;
      if (this.#gaveUp) {
        this.failures += 1;
        continue;
      }
      if (this.#stream && (await this.#stream.send({ type: 'run.event', event: numbered }))) continue;
      await this.#deliver(JSON.stringify(numbered));
    }
  }

  async #deliver(body: string): Promise<void> {
    const deadline = Date.now() + CALLBACK_DELIVERY_BUDGET_MS;
    for (let attempt = 0; ; attempt++) {
      let problem: string;
      try {
        const left = deadline - Date.now();
        const res = await fetch(this.#url, {
          method: 'POST',
          headers: await signedHeaders(this.#secret, 'to-worker', { method: 'POST', path: this.#target, body }),
          body,
          // A redirect could point the signed event anywhere: it is a refusal.
          redirect: 'manual',
          signal: AbortSignal.timeout(Math.max(1, Math.min(CALLBACK_ATTEMPT_TIMEOUT_MS, left))),
        });
        await res.body?.cancel();
        if (res.ok) return;
        if (res.status >= 300 && res.status < 400) {
          this.failures += 1;
          console.warn(`callback answered a redirect (${res.status}); not followed, event dropped`, {
            jobId: this.#jobId,
          });
          return;
        }
        // A 4xx other than 408/429 will not get better by retrying.
        if (res.status < 500 && res.status !== 408 && res.status !== 429) {
          this.failures += 1;
          console.warn(`callback refused an event (${res.status}); dropping it`, { jobId: this.#jobId });
          return;
        }
        problem = `HTTP ${res.status}`;
      } catch (error) {
        problem = (error as Error).message;
      }
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || Date.now() + delay >= deadline) {
        this.failures += 1;
        this.#gaveUp = true;
        console.warn(`callback unreachable after ${attempt + 1} tries (${problem}); dropping an event`, {
          jobId: this.#jobId,
        });
        return;
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
