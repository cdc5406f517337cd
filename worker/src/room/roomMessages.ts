/**
 * A room's JSON text frames (messages.ts `clientMessage`): parsed, then handed to the
 * same checks the HTTP routes go through, with the sender's role as principal. A bad
 * frame or a refusal is answered to the sender alone, in words; the socket stays open.
 */
import { z } from 'zod';
import { can, cannot, type Role } from '../auth/roles';
import type { StdinMessage } from '../interactive/messages';
import { type Refusal, type Result, refuse } from '../refusals';
import type { RunLimitsChange } from '../runs/runLimits';
import type { TerminalClientMessage } from '../terminal/messages';
import { describeIssues } from '../validate';
import type { ClockChange } from './clock';
import { type ClientMessage, clientMessage, type RunRequest, type TestsRequest } from './messages';
import type { QuestionChange } from './question/schema';

export interface RoomMessageHandlers {
  changeClock(change: ClockChange): Promise<Result<unknown>>;
  changeQuestion(change: QuestionChange): Promise<Result<unknown>>;
  startRun(request: RunRequest): Promise<Result<unknown>>;
  /** A change to the room's run limits (runs/runLimits.ts); who may is the room's check. */
  changeLimits(change: RunLimitsChange): Promise<Result<unknown>>;
  /** A test run of the room's cases. */
  startTests(request: TestsRequest): Promise<Result<unknown>>;
  /** Input typed into a live interactive run (interactive/runStreams.ts). */
  stdin(message: StdinMessage): Promise<Result<unknown>>;
  /** Stops a live interactive run. */
  stopRun(runId: string): Promise<Result<unknown>>;
  /** The shared terminal's messages (terminal/roomTerminal.ts). */
  terminal(message: TerminalClientMessage): Promise<Result<unknown>>;
}

/** A text frame's JSON and its number on its socket, if its sender numbers them (inOrder.ts). */
export type RoomFrame = { ok: true; json: unknown; seq: number | null } | { ok: false; refusal: Refusal };

const sequenced = z.object({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() });

export function readRoomFrame(text: string): RoomFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, refusal: refuse('bad_message', 'Room messages must be JSON.') };
  }
  const numbered = sequenced.safeParse(json);
  if (!numbered.success) return { ok: false, refusal: refuse('bad_message', describeIssues(numbered.error)) };
  if (numbered.data.seq === undefined) return { ok: true, json, seq: null };
  const { seq, ...message } = json as Record<string, unknown>; // the messages' own schemas are strict
  return { ok: true, json: message, seq: numbered.data.seq };
}

/** Handles one text frame's JSON from a socket of `role`; answers the refusal to tell its sender, if any. */
export async function handleRoomMessage(json: unknown, role: Role, on: RoomMessageHandlers): Promise<Refusal | null> {
  const parsed = clientMessage.safeParse(json);
  if (!parsed.success) return refuse('bad_message', describeIssues(parsed.error));
  const message = parsed.data;
  let result: Result<unknown>;
  if (message.type === 'clock') result = await on.changeClock(message.change);
  else if (message.type === 'question.change') result = await on.changeQuestion(message.change);
  else if (message.type === 'limits') result = await on.changeLimits(message.limits);
  else if ((message.type === 'stdin' || message.type === 'run.stop') && !can(role, 'run')) {
    return refuse('forbidden', `${cannot(role, 'run')} Only they can type into a run or stop it.`);
  } else if (isTerminalMessage(message) && !can(role, 'run')) {
    return refuse('forbidden', 'Observers watch the terminal: only the interviewer and the candidate can use it.');
  } else if (!can(role, 'run')) return refuse('forbidden', cannot(role, 'run'));
  else if (isTerminalMessage(message)) result = await on.terminal(message);
  else if (message.type === 'stdin') result = await on.stdin(message);
  else if (message.type === 'run.stop') result = await on.stopRun(message.runId);
  else if (message.type === 'tests') result = await on.startTests({ path: message.path });
  else {
    const { path, stdin, limits, interactive } = message;
    result = await on.startRun({ path, stdin, limits, interactive });
  }
  return result.ok ? null : result.refusal;
}

const isTerminalMessage = (m: ClientMessage): m is TerminalClientMessage => m.type.startsWith('terminal.');
