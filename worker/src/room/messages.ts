/**
 * The room's JSON wire messages (text frames), sent only to connections that asked
 * for them with `&events=1`, and the app close codes. The web app imports this
 * module; it is the one definition of the contract.
 */
import { z } from 'zod';
import { ROLES } from '../auth/roles';

/** WebSocket close codes the room uses (4000–4999 are the application's). */
export const CLOSE_CODES = {
  /** The interviewer ended the interview; reconnecting gives a read-only room. */
  roomEnded: 4001,
  /** The frame was not a y-websocket message. */
  badFrame: 4400,
  /** The frame was larger than MAX_FRAME_BYTES. */
  frameTooLarge: 4413,
} as const;

export const ERROR_CODES = ['read_only', 'room_ended', 'doc_too_large', 'bad_message', 'unknown_message'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const roomStatus = z.enum(['active', 'ended']);
export type RoomStatus = z.infer<typeof roomStatus>;

export const roomInfo = z.object({
  roomId: z.string(),
  title: z.string(),
  language: z.string(),
  status: roomStatus,
  createdAt: z.number(),
  endedAt: z.number().nullable(),
});
export type RoomInfo = z.infer<typeof roomInfo>;

export const peer = z.object({
  connId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type Peer = z.infer<typeof peer>;

export const serverMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), you: peer, room: roomInfo }),
  z.object({ type: z.literal('presence'), peers: z.array(peer) }),
  z.object({ type: z.literal('room'), room: roomInfo }),
  z.object({ type: z.literal('error'), code: z.enum(ERROR_CODES), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;
