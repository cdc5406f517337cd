/**
 * Buying a WebSocket ticket (POST /api/rooms/:roomId/tickets) for each (re)connect, so
 * the link token never goes in a URL.
 *
 * It never throws and never waits for ever. y-partyserver's provider awaits its
 * `params` before the first socket, and if that first await rejects it gives up for
 * good: no socket, no retry, the page says "Connecting…" until reloaded (a fetch that
 * fails while the server restarts or the network blips, LIM15 and WEB13). An empty
 * ticket instead opens a socket the worker refuses (401); its close puts the provider
 * on its usual backoff, and the next try buys a new ticket.
 *
 * @example
 * const ticket = await buyTicket(roomId, token); // '' when none could be bought
 */

/** A ticket that has not come in this long will not help: try again with a new one. */
export const TICKET_DEADLINE_MS = 10_000;

export async function buyTicket(roomId: string, token: string, deadlineMs = TICKET_DEADLINE_MS): Promise<string> {
  try {
    const res = await fetch(`/api/rooms/${roomId}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(deadlineMs),
    });
    // A refused ticket opens nothing; the socket's close then asks the API why.
    if (!res.ok) return '';
    return ((await res.json()) as { ticket: string }).ticket;
  } catch (error) {
    // Unreachable, timed out or a broken body: the refused socket retries (see above).
    console.warn(`No WebSocket ticket for room ${roomId} (${(error as Error).message}); trying again.`);
    return '';
  }
}
