/**
 * A socket that never finishes its handshake never fires `close`, and y-partyserver's
 * provider retries only on `close`: a room that does not answer the upgrade (an
 * overloaded server, a network path that swallows packets) would leave the page
 * "Connecting…" for good. This gives each handshake a deadline and closes a socket
 * that misses it, which puts the provider on its usual backoff with a new ticket.
 *
 * @example
 * const stop = connectDeadline(() => provider.ws);
 */

/** Longer than a slow handshake on a loaded machine, short enough that people are not left waiting. */
export const CONNECT_DEADLINE_MS = 15_000;

const CHECK_EVERY_MS = 1_000;

export function connectDeadline(socket: () => WebSocket | null, deadlineMs = CONNECT_DEADLINE_MS): () => void {
  let watched: WebSocket | null = null;
  let since = 0;
  const timer = setInterval(() => {
    const ws = socket();
    if (!ws || ws.readyState !== WebSocket.CONNECTING) {
      watched = null;
      return;
    }
    if (ws !== watched) {
      watched = ws;
      since = Date.now();
    } else if (Date.now() - since > deadlineMs) {
      console.warn(`The room did not answer the socket's handshake in ${deadlineMs / 1000} s; trying again.`);
      ws.close(); // fails the handshake: `close` fires and the provider retries
      watched = null;
    }
  }, CHECK_EVERY_MS);
  return () => clearInterval(timer);
}
