/**
 * The answer that hands a client its room socket. workerd negotiates per-message
 * compression (permessage-deflate) whenever a client offers it, as every browser and
 * `ws` do, unless the answer names the extensions it accepts. The room's frames are
 * keystrokes of tens of bytes that deflate does not shrink, and each broadcast is
 * deflated once per peer at the room and inflated by every peer: measured with 50 stock
 * clients at 100 edits/s, the clients spent 16 ms of CPU per edit with compression
 * against 6 without, and fell seconds behind (docs/PERFORMANCE.md, "Room sync").
 *
 * @example
 * return socketUpgrade(client);
 */

/**
 * An extension list with no extension workerd knows: it then accepts none of the
 * client's offers and sends no `Sec-WebSocket-Extensions` header at all (SYNC10).
 */
const NO_EXTENSIONS = 'none';

export function socketUpgrade(client: WebSocket): Response {
  return new Response(null, { status: 101, webSocket: client, headers: { 'Sec-WebSocket-Extensions': NO_EXTENSIONS } });
}
