import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  encodeAwareness,
  encodeSyncStep1,
  encodeUpdate,
  MalformedFrameError,
} from '../../src/room/protocol';

describe('y-websocket frames', () => {
  it('[SYNC6] decodes what it encodes', () => {
    const payload = new Uint8Array([1, 2, 3]);
    expect(decodeFrame(encodeSyncStep1(payload))).toEqual({ kind: 'sync-step1', stateVector: payload });
    expect(decodeFrame(encodeUpdate(payload))).toEqual({ kind: 'update', update: payload });
    expect(decodeFrame(encodeAwareness(payload))).toEqual({ kind: 'awareness', update: payload });
    expect(decodeFrame(new Uint8Array([3]))).toEqual({ kind: 'query-awareness' });
  });

  it.each([
    ['empty', new Uint8Array([]), /not a y-websocket frame/],
    ['unknown type', new Uint8Array([7]), /unknown message type 7/],
    ['unknown sync type', new Uint8Array([0, 5, 0]), /unknown sync message type 5/],
    ['truncated payload', new Uint8Array([0, 2, 10, 1]), /not a y-websocket frame/],
  ])('refuses a %s frame', (_name, frame, message) => {
    expect(() => decodeFrame(frame)).toThrow(MalformedFrameError);
    expect(() => decodeFrame(frame)).toThrow(message);
  });

  it('[SYNC6] treats sync step 2 like an update', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, new Uint8Array([0, 0]));
    expect(decodeFrame(encoding.toUint8Array(encoder))).toEqual({ kind: 'update', update: new Uint8Array([0, 0]) });
  });
});
