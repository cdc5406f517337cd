/**
 * Every thread the person may see, with where its range is now: the room's shared threads
 * (room doc) and, for the interviewer and observers, the private ones (panel doc, anchored
 * into the room doc). Re-read on any change to either doc: an edit moves anchors, so
 * typing re-reads too; the list is small (MAX_THREADS_PER_ROOM) and the read is cheap.
 */
import { listPrivateThreads } from '@codesync/worker/private-threads';
import { AnchorIndex, listThreads, type Place, placeOf, type ThreadView } from '@codesync/worker/threads';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

export interface ShownThread extends ThreadView {
  private: boolean;
  place: Place;
}

function read(room: Y.Doc, panel: Y.Doc | null): ShownThread[] {
  const anchors = new AnchorIndex(room);
  const shared = listThreads(room).map((t) => ({ ...t, private: false, place: placeOf(room, t, anchors) }));
  const own = panel
    ? listPrivateThreads(panel).map((t) => ({ ...t, private: true, place: placeOf(room, t, anchors) }))
    : [];
  return [...shared, ...own].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

export function useThreads(room: Y.Doc | null, panel: Y.Doc | null): ShownThread[] {
  const [threads, setThreads] = useState<ShownThread[]>([]);
  useEffect(() => {
    if (!room) return;
    const update = () => {
      const next = read(room, panel);
      setThreads((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    };
    update();
    room.on('update', update);
    panel?.on('update', update);
    return () => {
      room.off('update', update);
      panel?.off('update', update);
    };
  }, [room, panel]);
  return threads;
}
