import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { INITIAL_STATE, RoomConnection, type RoomState } from './connection';

/** One connection per mounted room page, destroyed when it unmounts. */
export function useRoomConnection(roomId: string, token: string, name: string): RoomConnection | null {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  useEffect(() => {
    const conn = new RoomConnection({ roomId, token, name });
    setConnection(conn);
    return () => conn.destroy();
  }, [roomId, token, name]);
  return connection;
}

const noop = () => () => {};

export function useRoomState(connection: RoomConnection | null): RoomState {
  return useSyncExternalStore(connection?.subscribe ?? noop, connection?.getState ?? (() => INITIAL_STATE));
}

/** A Y type's value, re-read whenever it changes. */
// biome-ignore lint/suspicious/noExplicitAny: any Y type; only observeDeep is used
export function useY<T>(type: Y.AbstractType<any> | null, read: () => T): T {
  const [value, setValue] = useState(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` is a fresh closure each render; the type is what matters
  useEffect(() => {
    if (!type) return;
    const update = () => setValue(read);
    update();
    type.observeDeep(update);
    return () => type.unobserveDeep(update);
  }, [type]);
  return value;
}
