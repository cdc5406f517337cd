/**
 * WebSocket close codes the room uses (4000–4999 are the application's). Apart from
 * messages.ts so the web app can import them without pulling in the schemas.
 */
export const CLOSE_CODES = {
  /** The interviewer ended the interview; reconnecting gives a read-only room. */
  roomEnded: 4001,
  /** The interviewer replaced the link this socket joined with; the old link no longer opens the room. */
  linkReplaced: 4003,
  /**
   * The account this socket joined as lost its access (it left the team, or its sessions
   * ended: signed out everywhere, password changed); its link, if it has one, still works.
   */
  accessRevoked: 4004,
  /** Nothing was heard from the socket for PRESENCE_TIMEOUT_MS: its network is gone. */
  silent: 4408,
  /** The frame was not a y-websocket message. */
  badFrame: 4400,
  /** The frame was larger than MAX_FRAME_BYTES. */
  frameTooLarge: 4413,
  /** Presence past a limit, or for a client id the connection does not own (limits.ts). */
  presenceRefused: 4409,
  /** The connection sent messages faster than MESSAGES_PER_SECOND for too long. */
  tooManyMessages: 4429,
} as const;
