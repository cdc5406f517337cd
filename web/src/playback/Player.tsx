/**
 * The player: the files at the playhead (tabs follow renames and deletes, by file id),
 * with who wrote what in colour and a legend; the timeline with its markers; the
 * controls and the keyboard; a run's output when its marker is clicked. The state at
 * the playhead comes from the replay worker (replayClient.ts).
 */
import type { PlaybackManifest } from '@codesync/worker/playback-schema';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { languageOf } from '../editor/languages';
import { RestoreHere } from '../restore/RestoreHere';
import type { RoomLink } from '../room/link';
import { reviewPath } from '../room/reviewLink';
import { authorColours } from './authorMarks';
import { Controls } from './Controls';
import { countAtOrBefore, JUMP_MS, mergeSorted, nextTime, previousTime } from './clock';
import { keyAction } from './keys';
import { type Marker, markerOf } from './markers';
import { PlaybackCode } from './PlaybackCode';
import { RunOutput } from './RunOutput';
import { type ReplayClient, useReplay } from './replayClient';
import { Timeline } from './Timeline';
import { usePlayhead } from './usePlayhead';

declare global {
  interface Window {
    /** The player, for tests and the benchmark: move the playhead, read the figures. */
    codesyncPlayback?: { seekTo(at: number): void; client: ReplayClient; at(): number };
  }
}

interface Props {
  link: RoomLink;
  manifest: PlaybackManifest;
  client: ReplayClient;
}

export function Player({ link, manifest, client }: Props) {
  const state = useReplay(client, manifest);
  const markers = useMemo(() => manifest.events.map(markerOf), [manifest]);
  const eventTimes = useMemo(() => markers.map((m) => m.at), [markers]);
  const start = manifest.updates.firstAt ?? manifest.room.createdAt;
  const end = Math.max(start, manifest.updates.lastAt ?? start, eventTimes.at(-1) ?? start);
  const activity = useMemo(() => mergeSorted(state.times, eventTimes), [state.times, eventTimes]);
  const playhead = usePlayhead(start, end, activity);
  const { at, setAt } = playhead;
  const colours = useMemo(() => authorColours(manifest.people.length), [manifest]);
  const [runId, setRunId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  const position = countAtOrBefore(state.times, at);
  // The first frame waits for the first updates, not for an empty document.
  const ready = state.times.length > 0 || state.done;
  useEffect(() => {
    if (ready) client.seek(position);
  }, [client, position, ready]);

  const { now } = playhead;
  useEffect(() => {
    window.codesyncPlayback = { seekTo: setAt, client, at: now };
  }, [client, setAt, now]);

  const onMarker = useCallback(
    (m: Marker) => {
      setAt(m.at);
      if (m.runId) setRunId(m.runId);
    },
    [setAt],
  );

  const { play, pause, playing } = playhead;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = keyAction(e);
      if (!action) return;
      e.preventDefault();
      switch (action) {
        case 'toggle':
          return playing ? pause() : play();
        case 'pause':
          return pause();
        case 'previous':
          return setAt(previousTime(eventTimes, at) ?? start);
        case 'next':
          return setAt(nextTime(eventTimes, at) ?? end);
        case 'back':
          return setAt(at - JUMP_MS);
        case 'forward':
          return setAt(at + JUMP_MS);
        default: {
          const unreachable: never = action;
          return unreachable;
        }
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [playing, play, pause, setAt, at, eventTimes, start, end]);

  const files = state.frame?.files ?? [];
  const open =
    files.find((f) => f.id === chosen) ?? files.find((f) => f.path === state.frame?.entry) ?? files[0] ?? null;
  const { room } = manifest;

  return (
    <main className="playback">
      <header className="room-header">
        <strong className="brand">CodeSync</strong>
        <span className="title">Playback: {room.title}</span>
        <span className="muted">{room.status === 'ended' ? 'Ended' : 'Still going'}</span>
        <RestoreHere link={link} at={at} />
        <a className="button" href={reviewPath(room.roomId, 'report')}>
          Report
        </a>
        <a className="button" href={`/r/${room.roomId}`}>
          Back to the room
        </a>
      </header>
      {state.failed && (
        <p className="banner" role="alert">
          {state.failed}
        </p>
      )}
      <div className="playback-body">
        <section className="editor-pane" aria-label="Code at the playhead">
          <nav className="tabs" aria-label="Files">
            {files.map((f) => (
              <button
                key={f.id}
                type="button"
                className="tab"
                aria-current={f.id === open?.id ? 'page' : undefined}
                onClick={() => setChosen(f.id)}
              >
                {f.path}
              </button>
            ))}
          </nav>
          <PlaybackCode file={open} language={languageOf(open?.path ?? '', room.language)} colours={colours} />
        </section>
        <aside className="playback-side">
          <ul className="playback-legend" aria-label="Who wrote what">
            {manifest.people.map((p, i) => (
              <li key={`${p.role}:${p.name}`}>
                <span className="swatch" style={{ background: colours[i] }} /> {p.name}{' '}
                <span className="muted">({p.role})</span>
              </li>
            ))}
          </ul>
          <p className="muted" aria-live="polite">
            {state.done
              ? `${state.times.length} updates, ${(state.bytes / 1024).toFixed(0)} KB of history`
              : `Loading the history: ${state.times.length} of ${manifest.updates.count} updates…`}
          </p>
          {runId && <RunOutput roomId={link.roomId} token={link.token} runId={runId} onClose={() => setRunId(null)} />}
        </aside>
      </div>
      <Controls
        playing={playing}
        speed={playhead.speed}
        skipIdle={playhead.skipIdle}
        offset={at - start}
        length={end - start}
        onPlay={play}
        onPause={pause}
        onPrevious={() => setAt(previousTime(eventTimes, at) ?? start)}
        onNext={() => setAt(nextTime(eventTimes, at) ?? end)}
        onSpeed={playhead.setSpeed}
        onSkipIdle={playhead.setSkipIdle}
      />
      <Timeline start={start} end={end} at={at} markers={markers} onScrub={setAt} onMarker={onMarker} />
    </main>
  );
}
