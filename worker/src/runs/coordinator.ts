/**
 * The room's runs, carried out: feeds inputs to the pure machine (machine.ts) and does
 * what its effects say — store, broadcast, post the job, look it up, set the alarm —
 * feeding the executor's answers back in. No decisions are made here.
 */
import type { JobEvent } from '@codesync/executor/api';
import type { Role } from '../auth/roles';
import type { Env } from '../env';
import type { FileContent } from '../room/doc';
import { lookupJob, postJob } from '../room/executorClient';
import type { RunRequest } from '../room/messages';
import type { RoomRecord } from '../room/roomMeta';
import type { TestCase } from '../tests/schema';
import { type RunInput, type RunUpdate, type Step, step } from './machine';
import type { RunRepository } from './repository';
import type { RunLimits } from './runLimits';
import type { StartRefusal } from './start';

export interface RunHost {
  env: Env;
  record(): RoomRecord;
  files(): FileContent[];
  /** The room's entry file: what runs when a request names none. */
  entry(): string | null;
  /** The room's run limits (runLimits.ts). */
  limits(): Promise<RunLimits>;
  /** The libraries the room declares for runs in `language` (room/packages.ts). */
  packages?(language: string): string[];
  /** To every connection that asked for room messages (not after the room ended). */
  broadcast(message: RunUpdate): void;
  /** Wake the room at `at` unless it will wake sooner. */
  scheduleCheck(at: number): Promise<void>;
}

const MINUTE_MS = 60_000;

/** A `Result` (refusals.ts) whose refusal is one a start can end in. */
export type StartResult = { ok: true; value: { runId: string } } | { ok: false; refusal: StartRefusal };

export class RunCoordinator {
  readonly #runs: RunRepository;
  readonly #host: RunHost;

  constructor(runs: RunRepository, host: RunHost) {
    this.#runs = runs;
    this.#host = host;
  }

  /** Whether the interview has ended: its runs may still finish, but nobody acts on them. */
  roomEnded(): boolean {
    return this.#host.record().status !== 'active';
  }

  /** `callbackBase` is the worker's PUBLIC_URL (config.ts), never a request's origin. */
  /** A plain run, or with `tests` (the room's cases, tests/cases.ts) a test run. */
  async start(
    by: { name: string; role: Role },
    request: RunRequest & { tests?: readonly TestCase[] },
    callbackBase: string,
  ): Promise<StartResult> {
    const record = this.#host.record();
    const now = Date.now();
    const runId = crypto.randomUUID();
    const refusal = await this.#carry(
      step(null, {
        kind: 'start',
        now,
        request: {
          runId,
          by,
          path: request.path,
          stdin: request.stdin,
          tests: request.tests,
          limits: request.limits,
          interactive: request.interactive,
        },
        context: {
          roomId: record.roomId,
          roomActive: record.status === 'active',
          language: record.language,
          files: this.#host.files(),
          entry: this.#host.entry(),
          packages: this.#host.packages?.(record.language) ?? [],
          callbackBase,
          openRuns: this.#runs.open().length,
          startsInLastMinute: this.#runs.countSince(now - MINUTE_MS),
          limits: await this.#host.limits(),
        },
      }),
    );
    return refusal ? { ok: false, refusal } : { ok: true, value: { runId } };
  }

  /** One executor event, already verified as signed. */
  async onEvent(runId: string, event: JobEvent): Promise<void> {
    await this.#input(runId, { kind: 'event', now: Date.now(), event });
  }

  /** Someone typed into an interactive run: echoed to everyone as its output (typed.ts). */
  async typed(runId: string, by: string, data: string): Promise<void> {
    await this.#input(runId, { kind: 'typed', now: Date.now(), by, data });
  }

  /** The alarm: every open run is checked on (and checks again while still open). */
  async check(): Promise<void> {
    for (const { run } of this.#runs.open()) await this.#input(run.runId, { kind: 'tick', now: Date.now() });
  }

  #input(runId: string, input: RunInput): Promise<StartRefusal | null> {
    // Read afresh: other inputs may have moved the run while we awaited the executor.
    return this.#carry(step(this.#runs.get(runId), input));
  }

  async #carry({ effects }: Step): Promise<StartRefusal | null> {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'refuse':
          return effect.refusal;
        case 'persist':
          this.#runs.save(effect.record);
          break;
        case 'broadcast':
          this.#host.broadcast(effect.message);
          break;
        case 'post': {
          const outcome = await postJob(this.#host.env, effect.job);
          await this.#input(effect.runId, { kind: 'posted', now: Date.now(), outcome });
          break;
        }
        case 'lookup': {
          const outcome = await lookupJob(this.#host.env, effect.jobId);
          await this.#input(effect.runId, { kind: 'looked-up', now: Date.now(), outcome });
          break;
        }
        case 'schedule-check':
          await this.#host.scheduleCheck(effect.at);
          break;
        default: {
          const unreachable: never = effect;
          throw new Error(`unhandled run effect ${JSON.stringify(unreachable)}`);
        }
      }
    }
    return null;
  }
}
