/**
 * The room's files as tabs: open one, create, rename, delete — all in the shared doc.
 */
import { pathProblem } from '@codesync/executor/paths';
import { useState } from 'react';
import * as Y from 'yjs';
import type { RoomConnection } from '../room/connection';

interface Props {
  connection: RoomConnection;
  paths: string[];
  active: string;
  canEdit: boolean;
  onOpen(path: string): void;
}

export function FileTabs({ connection, paths, active, canEdit, onOpen }: Props) {
  const [naming, setNaming] = useState<{ from: string | null; value: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const files = connection.files();

  function commit() {
    if (!naming) return;
    const path = naming.value.trim();
    const wrong =
      pathProblem(path) ?? (files.has(path) && path !== naming.from ? 'a file with this name exists' : null);
    if (wrong) {
      setProblem(`File name ${wrong}.`);
      return;
    }
    connection.doc.transact(() => {
      const from = naming.from;
      const old = from ? files.get(from) : undefined;
      if (from && from !== path) files.delete(from);
      if (from !== path) files.set(path, new Y.Text(old?.toString() ?? ''));
    });
    setNaming(null);
    setProblem(null);
    onOpen(path);
  }

  function remove(path: string) {
    if (paths.length <= 1) return;
    if (!confirm(`Delete ${path} for everyone in the room?`)) return;
    files.delete(path);
    if (path === active) onOpen(paths.find((p) => p !== path) ?? '');
  }

  return (
    <nav className="tabs" aria-label="Files">
      {paths.map((path) =>
        naming?.from === path ? null : (
          <span key={path} className={`tab${path === active ? ' active' : ''}`}>
            <button type="button" onClick={() => onOpen(path)} aria-current={path === active ? 'page' : undefined}>
              {path}
            </button>
            {canEdit && path === active && (
              <>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Rename ${path}`}
                  onClick={() => setNaming({ from: path, value: path })}
                >
                  ✎
                </button>
                {paths.length > 1 && (
                  <button type="button" className="icon" aria-label={`Delete ${path}`} onClick={() => remove(path)}>
                    ×
                  </button>
                )}
              </>
            )}
          </span>
        ),
      )}
      {naming && (
        <form
          className="tab naming"
          onSubmit={(e) => {
            e.preventDefault();
            commit();
          }}
        >
          <input
            // biome-ignore lint/a11y/noAutofocus: the user just asked to name a file
            autoFocus
            aria-label="File name"
            value={naming.value}
            onChange={(e) => setNaming({ ...naming, value: e.target.value })}
            onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}
          />
          <button type="submit">OK</button>
          {problem && (
            <span role="alert" className="error">
              {problem}
            </span>
          )}
        </form>
      )}
      {canEdit && !naming && (
        <button
          type="button"
          className="icon"
          aria-label="New file"
          onClick={() => setNaming({ from: null, value: '' })}
        >
          +
        </button>
      )}
    </nav>
  );
}
