/**
 * Adversarial suite, issue #10 hole 13 (worker): a body is read only up to its cap,
 * counted while it streams — neither Content-Length nor the sender's patience decides.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, MAX_HTTP_BODY_BYTES } from '../../../src/limits';
import { BASE, createRoom } from '../support';

/** A body that never ends: 64 KiB chunks, as long as anyone reads. */
const endless = () =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
    },
  });

describe('bodies read before auth (hole 13)', () => {
  const targets = [
    { what: `an executor event past ${MAX_FRAME_BYTES} bytes`, path: () => Promise.resolve('/internal/runs/r/events') },
    {
      what: `a run request past ${MAX_HTTP_BODY_BYTES} bytes`,
      path: async () => `/api/rooms/${(await createRoom()).roomId}/runs`,
    },
    { what: `a room creation past ${MAX_HTTP_BODY_BYTES} bytes`, path: () => Promise.resolve('/api/rooms') },
  ];
  for (const { what, path } of targets)
    it(`[SEC-BODY2] hole 13: ${what}, streamed without Content-Length, is cut off with 413`, async () => {
      const res = await exports.default.fetch(`${BASE}${await path()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': '127.9.9.9' },
        body: endless(),
      });
      expect([401, 413]).toContain(res.status);
      if (res.status === 401) return; // refused before reading at all: fine too
      expect(res.status).toBe(413);
    });
});
