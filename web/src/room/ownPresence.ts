/**
 * A page sends only its own presence. y-partyserver's provider (like y-websocket's) sends
 * on every awareness change, the ones it hears from others included, so in a room of 50
 * each cursor move came back to the room 49 times: 49 messages the room must wake for,
 * decode and drop (it relays every change itself and never takes one client's state from
 * another connection, room.ts). With stock clients the room now skips them cheaply, and
 * that alone cut a 50-person room's CPU per edit by a fifth (docs/PERFORMANCE.md, SYNC19);
 * a page that never sends them saves the room the messages too.
 *
 * @example
 * const provider = new YProvider(host, roomId, doc, options);
 * sendOwnPresenceOnly(provider);
 */
import type YProvider from 'y-partyserver/provider';

type Changes = { added: number[]; updated: number[]; removed: number[] };

export function sendOwnPresenceOnly(provider: YProvider): void {
  const { awareness } = provider;
  const sendAll = provider._awarenessUpdateHandler;
  awareness.off('change', sendAll);
  // Kept under the provider's own name, so its destroy() removes this one.
  provider._awarenessUpdateHandler = ({ added, updated, removed }: Changes, origin: unknown) => {
    const own = awareness.clientID;
    if (added.includes(own) || updated.includes(own) || removed.includes(own)) {
      sendAll({ added: [], updated: [own], removed: [] }, origin);
    }
  };
  awareness.on('change', provider._awarenessUpdateHandler);
}
