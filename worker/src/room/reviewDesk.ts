/**
 * What the panel reviews of a room (roles.ts `review`: never a candidate): playback's
 * manifest, pages and files at a moment, the report's parts and the dashboard's
 * summary, all read from what the room stores. RoomDO checks the principal and stores
 * the current tick's updates first (`#review`), then asks here.
 *
 * @example
 * const desk = new ReviewDesk({ playback, runStore, joins, question, room: () => room, sockets: () => ctx.getWebSockets() });
 * desk.reportParts(record, 'interviewer');
 */
import { type RoomSummary, roomSummary } from '../accounts/ownership/summary';
import type { Role } from '../auth/roles';
import { REPORT_MAX_RUNS } from '../limits';
import type { RoomHistory } from '../playback/roomHistory';
import type { FilesAtResponse, PlaybackManifest } from '../playback/schema';
import { ok, type Result, refused } from '../refusals';
import type { RoomReportParts } from '../report/build';
import { momentProblem } from '../restore/restore';
import type { RunRepository } from '../runs/repository';
import { attachmentOf, isOpen } from './connections';
import type { JoinLog, JoinLogView } from './joinLog';
import type { QuestionDesk } from './question/desk';
import type { Room } from './room';
import type { RoomRecord } from './roomMeta';

export interface ReviewSources {
  playback: RoomHistory;
  runStore: RunRepository;
  joins: JoinLog;
  question: QuestionDesk;
  room(): Room;
  sockets(): WebSocket[];
}

export class ReviewDesk {
  readonly #from: ReviewSources;

  constructor(sources: ReviewSources) {
    this.#from = sources;
  }

  /** Playback's manifest, with the join log to name the panel's signals by. */
  manifest(record: RoomRecord): Result<{ manifest: PlaybackManifest; joins: JoinLogView }> {
    return ok(this.#from.playback.manifest(record));
  }

  /** A page of history (playback/page.ts): updates with `from ≤ seq ≤ to`. */
  page(from: number, to: number): Promise<Result<Uint8Array>> {
    return this.#from.playback.page(from, to);
  }

  /** The files as they were at `at` (unix ms), a moment of the room's life as a restore takes it. */
  async filesAt(record: RoomRecord, at: number): Promise<Result<FilesAtResponse>> {
    const outside = momentProblem(at, record.createdAt, this.#from.room().lastAt());
    if (outside) return refused('bad_request', outside);
    return ok((await this.#from.playback.filesAt(at)).answer);
  }

  /** What the room keeps for the report (report/build.ts). */
  reportParts(record: RoomRecord, role: Role): Result<RoomReportParts> {
    const { room, runStore, joins, question } = this.#from;
    return ok({
      record,
      files: room().files(),
      entry: room().entryPath(),
      runs: runStore.recent(REPORT_MAX_RUNS),
      totalRuns: runStore.countSince(0),
      joins: joins.read(),
      online: this.#from
        .sockets()
        .filter(isOpen)
        .map((ws) => attachmentOf(ws).connId),
      question: question.view(role),
    });
  }

  /** The candidate and the question, for the owner's dashboard (accounts/ownership/). */
  summary(role: Role): Result<RoomSummary> {
    return ok(roomSummary(this.#from.joins.read(), this.#from.question.view(role)));
  }
}
