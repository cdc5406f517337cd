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

import { api } from '../api/client';

/** A ticket that has not come in this long will not help: try again with a new one. */
export const TICKET_DEADLINE_MS = 10_000;

export async function buyTicket(roomId: string, token: string, deadlineMs = TICKET_DEADLINE_MS): Promise<string> {
  try {
    const { ticket } = await api<{ ticket: string }>(`/api/rooms/${roomId}/tickets`, {
      method: 'POST',
      token,
      signal: AbortSignal.timeout(deadlineMs),
    });
    return ticket;
  } catch (error) {
    // Refused, unreachable or timed out: the refused socket retries (see above), and its
    // close asks the API why when the room itself refuses.
    console.warn(`No WebSocket ticket for room ${roomId} (${(error as Error).message}); trying again.`);
    return '';
  }
}
