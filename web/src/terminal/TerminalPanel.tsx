/**
 * The room's shared terminal (SPEC § 45): everyone sees it live; editors open and close
 * it, take the keyboard (shown by name to everyone) and bring a file back from the
 * shell into the room's files; observers only watch. Every rule is the server's too.
 */
import type { TerminalView } from '@codesync/worker/terminal';
import { lazy, Suspense, useState } from 'react';
import type { RoomConnection } from '../room/connection';

const XtermScreen = lazy(() => import('./XtermScreen'));

export interface TerminalPanelProps {
  connection: RoomConnection;
  terminal: TerminalView | null;
  notice: string | null;
  you: { connId: string } | null;
  /** An editor in a room that has not ended. */
  canUse: boolean;
  /** The file to offer for "Bring back" (the one open in the editor). */
  suggestedPath: string | null;
}

export function TerminalPanel({ connection, terminal, notice, you, canUse, suggestedPath }: TerminalPanelProps) {
  const [path, setPath] = useState<string | null>(null);
  const holding = Boolean(terminal && you && terminal.keyboard?.connId === you.connId);
  // A free keyboard (its holder left) is the first editor's who types (SPEC TERM8).
  const typing = holding || Boolean(canUse && terminal && !terminal.keyboard);
  const send = connection.terminal.bind(connection);
  return (
    <section className="terminal-panel" aria-label="Terminal">
      <header>
        <h2 className="terminal-title">Terminal</h2>
        {terminal ? (
          <>
            <span className="keyboard">
              {terminal.state === 'starting'
                ? 'Starting…'
                : `Keyboard: ${terminal.keyboard ? (holding ? 'you' : terminal.keyboard.name) : 'nobody'}`}
            </span>
            {canUse && !holding && (
              <button
                type="button"
                onClick={() => send({ type: 'terminal.keyboard', terminalId: terminal.terminalId })}
              >
                Take the keyboard
              </button>
            )}
            {canUse && (
              <button type="button" onClick={() => send({ type: 'terminal.close', terminalId: terminal.terminalId })}>
                Close terminal
              </button>
            )}
          </>
        ) : (
          canUse && (
            <button type="button" onClick={() => send({ type: 'terminal.open', cols: 100, rows: 24 })}>
              Open terminal
            </button>
          )
        )}
      </header>
      {notice && <p className="muted terminal-notice">{notice}</p>}
      {terminal ? (
        <Suspense fallback={<p className="muted">Loading the terminal…</p>}>
          <XtermScreen connection={connection} terminalId={terminal.terminalId} typing={typing} holding={holding} />
        </Suspense>
      ) : (
        !notice && <p className="muted">No terminal is open.</p>
      )}
      {terminal && canUse && (
        <form
          className="bring-back"
          onSubmit={(event) => {
            event.preventDefault();
            const file = (path ?? suggestedPath ?? '').trim();
            if (file) send({ type: 'terminal.bringBack', terminalId: terminal.terminalId, path: file });
          }}
        >
          <label>
            File to bring back from the terminal
            <input value={path ?? suggestedPath ?? ''} onChange={(e) => setPath(e.target.value)} />
          </label>
          <button type="submit">Bring back</button>
        </form>
      )}
    </section>
  );
}
