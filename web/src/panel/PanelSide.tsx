/**
 * The panel's side panel in the room, for the interviewer and observers only (Room.tsx
 * mounts it only for a role that `can(role, 'review')`; the server refuses anyone else):
 * private notes, the scorecard and the candidate's integrity signals.
 */
import { MAX_NOTES_CHARS, notesOf } from '@codesync/worker/panel-doc';
import { can, type Role } from '@codesync/worker/roles';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { CollabText } from './CollabText';
import { PanelConnection, type PanelState } from './panelConnection';
import { Scorecard } from './Scorecard';
import { SignalList } from './SignalList';

const noop = () => () => {};
const NOT_YET: PanelState = { status: 'connecting', synced: false, signals: [], notice: null };

interface Props {
  roomId: string;
  token: string;
  name: string;
  role: Role;
  /** The panel's connection as it opens and closes: private comment threads use its doc (web/src/threads/). */
  onConnection?(panel: PanelConnection | null): void;
}

export function PanelSide({ roomId, token, name, role, onConnection }: Props) {
  const [panel, setPanel] = useState<PanelConnection | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one connection per room, token and name; the callback only hears of it
  useEffect(() => {
    const connection = new PanelConnection({ roomId, token, name });
    setPanel(connection);
    onConnection?.(connection);
    return () => {
      onConnection?.(null);
      connection.destroy();
    };
  }, [roomId, token, name]);
  const state = useSyncExternalStore(panel?.subscribe ?? noop, panel?.getState ?? (() => NOT_YET));
  return (
    <section className="panel-side" aria-label="Panel: not shown to the candidate">
      <h2>
        Panel <span className="muted">not shown to the candidate</span>
      </h2>
      {state.notice && (
        <p className="notice-inline" role="alert">
          {state.notice}
        </p>
      )}
      {panel && state.synced ? (
        <>
          <h3>Notes</h3>
          <CollabText
            text={notesOf(panel.doc)}
            label="Private notes"
            maxLength={MAX_NOTES_CHARS}
            hint="Only the interviewer and observers see these notes"
          />
          <h3>Scorecard</h3>
          <Scorecard doc={panel.doc} canChangeCriteria={can(role, 'criteria')} />
        </>
      ) : (
        <p className="muted">Loading the notes…</p>
      )}
      <h3>Signals</h3>
      <SignalList signals={state.signals} />
    </section>
  );
}
