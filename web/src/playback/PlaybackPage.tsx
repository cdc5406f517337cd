/**
 * The playback page (`/r/<roomId>/playback`, interviewer and observers): the interview
 * replayed keystroke by keystroke. This file loads the manifest (a candidate's token is
 * refused by the server, in the room's words) and hands it to the player.
 */
import type { PlaybackManifest } from '@codesync/worker/playback-schema';
import { useEffect, useState } from 'react';
import type { RoomLink } from '../room/link';
import { fetchManifest } from './fetchHistory';
import { Player } from './Player';
import { useReplayClient } from './replayClient';

type Loaded =
  | { state: 'loading' }
  | { state: 'refused'; message: string }
  | { state: 'ready'; manifest: PlaybackManifest };

export function PlaybackPage({ link }: { link: RoomLink }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const client = useReplayClient(link.roomId, link.token);

  useEffect(() => {
    let live = true;
    void fetchManifest(link.roomId, link.token).then((answer) => {
      if (!live) return;
      setLoaded(answer.ok ? { state: 'ready', manifest: answer.value } : { state: 'refused', message: answer.message });
    });
    return () => {
      live = false;
    };
  }, [link.roomId, link.token]);

  useEffect(() => {
    if (loaded.state !== 'ready') return;
    document.title = `Playback: ${loaded.manifest.room.title} · CodeSync`;
    return () => {
      document.title = 'CodeSync';
    };
  }, [loaded]);

  if (loaded.state === 'loading' || !client) return <p className="muted loading">Loading the history…</p>;
  if (loaded.state === 'refused') {
    return (
      <main className="landing">
        <div className="card" role="alert">
          <h1>This playback cannot be shown</h1>
          <p>{loaded.message}</p>
          <a href={`/r/${link.roomId}`}>Back to the room</a>
        </div>
      </main>
    );
  }
  return <Player link={link} manifest={loaded.manifest} client={client} />;
}
