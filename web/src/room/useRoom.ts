import { entryFile, type FileId, listFiles, readStdin } from '@codesync/worker/doc';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { RoomConnection } from './connection';
import { INITIAL_STATE, type Notice, type RoomState } from './roomState';

/**
 * One connection per mounted room page, destroyed when it unmounts, and replaced by a
 * fresh one (its files taken from the room again) if the room refused a change the old
 * one had already applied; the new one says so.
 */
export function useRoomConnection(roomId: string, token: string, name: string): RoomConnection | null {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [generation, setGeneration] = useState(0);
  const carried = useRef<Notice | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation is what replaces the connection
  useEffect(() => {
    const conn = new RoomConnection({ roomId, token, name, notice: carried.current });
    carried.current = undefined;
    const off = conn.onDiverged((notice) => {
      carried.current = notice;
      setGeneration((g) => g + 1);
    });
    setConnection(conn);
    return () => {
      off();
      conn.destroy();
    };
  }, [roomId, token, name, generation]);
  return connection;
}

const noop = () => () => {};

export function useRoomState(connection: RoomConnection | null): RoomState {
  return useSyncExternalStore(connection?.subscribe ?? noop, connection?.getState ?? (() => INITIAL_STATE));
}

export interface FileTab {
  id: FileId;
  path: string;
}

export interface FilesView {
  files: readonly FileTab[];
  entry: FileId | null;
}

const NO_FILES: FilesView = { files: [], entry: null };

function readView(doc: Y.Doc): FilesView {
  return { files: listFiles(doc).map(({ id, path }) => ({ id, path })), entry: entryFile(doc)?.id ?? null };
}

/**
 * The room's file list and entry file, re-read when the document changes. Typing
 * changes the document too, but leaves this view equal, so it does not re-render.
 */
export function useFiles(doc: Y.Doc | null): FilesView {
  const [view, setView] = useState<FilesView>(() => (doc ? readView(doc) : NO_FILES));
  useEffect(() => {
    if (!doc) return;
    const update = () => {
      const next = readView(doc);
      setView((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    };
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc]);
  return view;
}

/** The room's shared stdin, re-read when the document changes. */
export function useStdin(doc: Y.Doc | null): string {
  const [value, setValue] = useState(() => (doc ? readStdin(doc) : ''));
  useEffect(() => {
    if (!doc) return;
    const update = () => setValue(readStdin(doc));
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc]);
  return value;
}
