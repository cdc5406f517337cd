/**
 * The y-websocket binary protocol (what every stock Yjs provider speaks), decoded
 * into typed messages and encoded back. Kept apart from the room so the room can
 * decide, per role, what to do with each message before anything is applied.
 *
 *   frame = varUint(type) payload
 *   type 0 sync:      varUint(0 step1) varBytes(stateVector)
 *                   | varUint(1 step2) varBytes(update)
 *                   | varUint(2 update) varBytes(update)
 *   type 1 awareness: varBytes(awarenessUpdate)
 *   type 3 query awareness (no payload)
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type ClientFrame =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** Thrown for a frame that is not a y-websocket message; the connection is closed. */
export class MalformedFrameError extends Error {}

export function decodeFrame(frame: Uint8Array): ClientFrame {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (sub === SYNC_STEP1) return { kind: 'sync-step1', stateVector: payload };
        // A step 2 is applied exactly like an update: both carry document changes.
        if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) return { kind: 'update', update: payload };
        throw new MalformedFrameError(`unknown sync message type ${sub}`);
      }
      case MESSAGE_AWARENESS:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE_QUERY_AWARENESS:
        return { kind: 'query-awareness' };
      default:
        throw new MalformedFrameError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedFrameError) throw error;
    // lib0 throws plain Errors ("Unexpected end of array", …) on truncated input.
    throw new MalformedFrameError(`not a y-websocket frame: ${(error as Error).message}`);
  }
}

function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, sub);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => syncFrame(SYNC_STEP1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => syncFrame(SYNC_STEP2, update);
export const encodeUpdate = (update: Uint8Array) => syncFrame(SYNC_UPDATE, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Whether a frame is a sync step 2: a client's answer to a step 1 (the room's probes, backlog.ts). */
export const isSyncStep2 = (frame: Uint8Array) => frame[0] === MESSAGE_SYNC && frame[1] === SYNC_STEP2;
