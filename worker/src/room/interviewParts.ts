/**
 * The interview's parts a room object holds beside its document: its runs (stored and
 * coordinated), its clock and its question, wired to the room through one small host.
 * RoomDO builds them once in its constructor; keeping the wiring here keeps RoomDO
 * about transport and lifecycle.
 *
 * @example
 * const { runStore, runs, clock, question, packages } = interviewParts(ctx, env, host);
 */
import { ROLES } from '../auth/roles';
import type { Env } from '../env';
import { RunCoordinator } from '../runs/coordinator';
import { RunRepository } from '../runs/repository';
import { runMessageViews } from '../runs/roleView';
import { RoomRunLimits } from '../runs/roomRunLimits';
import { type Audience, EVERYONE } from './audience';
import type { ServerMessage } from './messages';
import { RoomPackages } from './packages';
import { QuestionDesk } from './question/desk';
import { QuestionStore } from './question/store';
import type { Effect, Room } from './room';
import { RoomClock } from './roomClock';
import { runLatencyOf } from './roomFigures';
import type { RoomMetaStore, RoomRecord } from './roomMeta';

export interface InterviewHost {
  meta: RoomMetaStore;
  /** The room's record; only read once the room exists. */
  record(): RoomRecord | null;
  setRecord(record: RoomRecord): void;
  room(): Room;
  /** Carries out a change the room itself made (no socket sent it). */
  apply(effects: Effect[]): void;
  tell(message: ServerMessage, audience: Audience): void;
  alarmBy(at: number): Promise<void>;
  /** Ends the interview (the clock ran out). */
  finish(reason: string): Promise<unknown>;
  /** A run ended, `latencyMs` after it was asked for (the room's figures, roomFigures.ts). */
  runEnded(latencyMs: number): void;
}

export function interviewParts(ctx: DurableObjectState, env: Env, host: InterviewHost) {
  const record = () => host.record() as RoomRecord;
  const runStore = new RunRepository(
    ctx.storage.sql,
    env.DB,
    () => record().roomId,
    (promise) =>
      ctx.waitUntil(promise.catch((error: Error) => console.error('indexing a run failed', { error: error.message }))),
  );
  const limits = new RoomRunLimits(ctx.storage);
  const packages = new RoomPackages(ctx.storage.sql);
  const runs = new RunCoordinator(runStore, {
    env,
    limits: () => limits.current(),
    packages: (language) => packages.for(language),
    record,
    files: () => host.room().files(),
    entry: () => host.room().entryPath(),
    broadcast: (message) => {
      const latency = runLatencyOf(message, (runId) => runStore.run(runId)?.createdAt);
      if (latency !== null) host.runEnded(latency);
      // An ended room keeps its runs' events but has nobody to tell. Each role gets its view.
      if (host.record()?.status !== 'active') return;
      for (const view of runMessageViews(message)) host.tell(view.message, view.audience);
    },
    scheduleCheck: (at) => host.alarmBy(at),
  });
  const clock = new RoomClock({
    read: () => host.meta.clock(),
    write: (state) => {
      host.meta.setClock(state);
      const current = host.record();
      if (current) host.setRecord({ ...current, endsAt: state.endsAt });
    },
    tell: (message) => host.tell(message, EVERYONE),
    alarmBy: (at) => host.alarmBy(at),
    endRoom: async () => {
      await host.finish('Time is up: the interview has ended.');
    },
  });
  const question = new QuestionDesk(new QuestionStore(ctx.storage.sql), {
    language: () => record().language,
    changeDoc: (change) => {
      const { result, effects } = host.room().change(change);
      host.apply(effects);
      return result;
    },
    announce: (viewOf) => {
      for (const role of ROLES) host.tell({ type: 'question', question: viewOf(role) }, { to: 'roles', roles: [role] });
    },
  });
  return { runStore, runs, clock, question, limits, packages };
}
