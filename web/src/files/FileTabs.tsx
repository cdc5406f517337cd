/**
 * The room's files as tabs: open one, create, rename, delete, and pick the entry file
 * (what Run runs). Every change goes through the doc module (a rename changes only the
 * file's path: its text, the edits others are making in it and everyone's undo
 * history stay).
 */
import { createFile, deleteFile, type FileId, renameFile, setEntry } from '@codesync/worker/doc';
import { useState } from 'react';
import type * as Y from 'yjs';
import type { FileTab } from '../room/useRoom';

interface Props {
  doc: Y.Doc;
  files: readonly FileTab[];
  active: FileId;
  /** The room's entry file. */
  entry: FileId | null;
  canEdit: boolean;
  /** `focus`: the person just named this file, so its editor takes the keyboard. */
  onOpen(id: FileId, focus?: boolean): void;
}

export function FileTabs({ doc, files, active, entry, canEdit, onOpen }: Props) {
  const [naming, setNaming] = useState<{ from: FileId | null; value: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function commit() {
    if (!naming) return;
    const path = naming.value.trim();
    const done = naming.from ? { ...renameFile(doc, naming.from, path), id: naming.from } : createFile(doc, path);
    if (!done.ok) {
      setProblem(done.problem);
      return;
    }
    setNaming(null);
    setProblem(null);
    onOpen(done.id, true);
  }

  function remove(file: FileTab) {
    if (!confirm(`Delete ${file.path} for everyone in the room?`)) return;
    const done = deleteFile(doc, file.id);
    if (!done.ok) setProblem(done.problem);
    else if (file.id === active) onOpen(files.find((f) => f.id !== file.id)?.id ?? '');
  }

  return (
    <nav className="tabs" aria-label="Files">
      {files.map((file) =>
        naming?.from === file.id ? null : (
          <span key={file.id} className={`tab${file.id === active ? ' active' : ''}`}>
            <button
              type="button"
              onClick={() => onOpen(file.id)}
              aria-current={file.id === active ? 'page' : undefined}
              title={file.id === entry ? 'The entry file: Run runs it' : undefined}
            >
              {file.path}
            </button>
            {file.id === entry && (
              <span className="entry-mark" aria-hidden="true">
                ▶
              </span>
            )}
            {canEdit && file.id === active && (
              <>
                {file.id !== entry && (
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Make ${file.path} the entry file`}
                    title="Make this the entry file (what Run runs)"
                    onClick={() => {
                      const done = setEntry(doc, file.id);
                      if (!done.ok) setProblem(done.problem);
                    }}
                  >
                    ▶
                  </button>
                )}
                <button
                  type="button"
                  className="icon"
                  aria-label={`Rename ${file.path}`}
                  onClick={() => setNaming({ from: file.id, value: file.path })}
                >
                  ✎
                </button>
                {files.length > 1 && (
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Delete ${file.path}`}
                    onClick={() => remove(file)}
                  >
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
