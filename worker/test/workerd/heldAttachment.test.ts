/**
 * Where a held socket stands, kept in its WebSocket attachment (connections.ts, SYNC14),
 * on real workerd sockets: it round-trips, a state vector too large to keep becomes the
 * whole document, and clearing it leaves the rest of the attachment as it was.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHED_STATE_VECTOR_BYTES } from '../../src/limits';
import { type Attachment, attachmentOf, heldFromOf, saveHeld } from '../../src/room/connections';

function socket(): WebSocket {
  const { 1: server } = new WebSocketPair();
  const attachment: Attachment = {
    connId: 'c1',
    role: 'observer',
    name: 'Ada',
    events: true,
    joinedAt: 1,
    awareness: [{ clientId: 7, clock: 1, state: '{"user":{"name":"Ada"}}' }],
  };
  server.serializeAttachment(attachment);
  return server;
}

describe('a held socket across hibernation', () => {
  it('[SYNC14] the state vector round-trips through the attachment; clearing it keeps the rest', () => {
    const ws = socket();
    expect(heldFromOf(attachmentOf(ws))).toBeNull();
    const stateVector = new Uint8Array([2, 200, 1, 5, 17, 3]);
    saveHeld(ws, stateVector);
    expect(heldFromOf(attachmentOf(ws))).toEqual(stateVector);
    saveHeld(ws, null);
    expect(heldFromOf(attachmentOf(ws))).toBeNull();
    expect(attachmentOf(ws)).toMatchObject({ connId: 'c1', name: 'Ada', awareness: [{ clientId: 7 }] });
  });

  it('[SYNC14] a state vector past MAX_ATTACHED_STATE_VECTOR_BYTES is kept as the empty one: the whole document', () => {
    const ws = socket();
    saveHeld(ws, new Uint8Array(MAX_ATTACHED_STATE_VECTOR_BYTES + 1).fill(1));
    expect(heldFromOf(attachmentOf(ws))).toEqual(new Uint8Array([0]));
  });
});
