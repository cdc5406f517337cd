/**
 * The clock inside the room's Durable Object: carries out clock.ts's rules. It keeps the
 * clock in the room's SQLite (through the host, which also keeps its record in step),
 * tells everyone, and asks for the room's one alarm, which runs, presence and retention
 * share: `alarmBy` only ever moves that alarm earlier, so the clock never pushes the
 * others back, and it asks again each time the alarm fires, so they never push it back.
 * Ending the room is the host's, the same end as the interviewer's.
 *
 * @example
 * const clock = new RoomClock({ store, tell, alarmBy, endRoom });
 * await clock.onAlarm(); // from RoomDO.alarm
 */
import { type ClockChange, type ClockMessage, type ClockState, changeClock, clockDue, clockMessageOf } from './clock';

export interface ClockHost {
  /** The stored clock, read from storage; writing it also updates the room's record. */
  read(): ClockState;
  write(state: ClockState): void;
  /** A clock message to everyone in the room. */
  tell(message: ClockMessage): void;
  /** Sets the shared alarm for `at` unless an earlier one is set. */
  alarmBy(at: number): Promise<void>;
  /** Ends the room because time is up. */
  endRoom(): Promise<void>;
  now?: () => number;
}

export type ClockAnswer = { ok: true; message: ClockMessage } | { ok: false; problem: string };

export class RoomClock {
  readonly #host: ClockHost;
  readonly #now: () => number;

  constructor(host: ClockHost) {
    this.#host = host;
    this.#now = host.now ?? Date.now;
  }

  /** The clock as a joining connection is told it. */
  message(): ClockMessage {
    return clockMessageOf(this.#host.read(), this.#now());
  }

  /** The interviewer's change; the host has checked the role and that the room is active. */
  async change(change: ClockChange): Promise<ClockAnswer> {
    const now = this.#now();
    const next = changeClock(this.#host.read(), change, now);
    if (!next.ok) return next;
    this.#host.write(next.state);
    const message = clockMessageOf(next.state, now);
    this.#host.tell(message);
    await this.#schedule(next.state, now);
    return { ok: true, message };
  }

  /** Asks for the alarm the stored clock needs next (a new room's, or after a restore). */
  async schedule(): Promise<void> {
    await this.#schedule(this.#host.read(), this.#now());
  }

  /** From the shared alarm: gives the notice or ends the room when due, and asks for the next wake-up. */
  async onAlarm(): Promise<void> {
    const now = this.#now();
    const due = clockDue(this.#host.read(), now);
    switch (due.kind) {
      case 'idle':
        return;
      case 'wait':
        await this.#host.alarmBy(due.until);
        return;
      case 'notice':
        this.#host.write(due.state);
        this.#host.tell(clockMessageOf(due.state, now));
        await this.#schedule(due.state, now);
        return;
      case 'end':
        await this.#host.endRoom();
        return;
      default: {
        const unreachable: never = due;
        throw new Error(`unhandled clock step ${JSON.stringify(unreachable)}`);
      }
    }
  }

  async #schedule(state: ClockState, now: number): Promise<void> {
    const due = clockDue(state, now);
    if (due.kind === 'wait') await this.#host.alarmBy(due.until);
    // Due already (set in the past by a restore): wake at once and let onAlarm act.
    else if (due.kind !== 'idle') await this.#host.alarmBy(now);
  }
}
