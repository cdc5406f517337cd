/**
 * Reading playback's API as the playback page does: the manifest, then every page it
 * lists, decoded with the web app's own decoder and replayed with its own Replay.
 */
import { expect } from 'vitest';
import { decodePage, type PageUpdate } from '../../../src/playback/page';
import { Replay } from '../../../src/playback/replay';
import { type FilesAtResponse, type PlaybackManifest, playbackManifest } from '../../../src/playback/schema';
import { api } from '../support';

export async function manifestOf(roomId: string, token: string): Promise<PlaybackManifest> {
  const res = await api(`/api/rooms/${roomId}/history`, { token });
  if (res.status !== 200) throw new Error(`manifest: ${res.status} ${await res.text()}`);
  return playbackManifest.parse(await res.json());
}

export async function pageOf(roomId: string, token: string, from: number, to: number): Promise<PageUpdate[]> {
  const res = await api(`/api/rooms/${roomId}/history/updates?from=${from}&to=${to}`, { token });
  if (res.status !== 200) throw new Error(`page ${from}-${to}: ${res.status} ${await res.text()}`);
  expect(res.headers.get('content-type')).toBe('application/octet-stream');
  return decodePage(new Uint8Array(await res.arrayBuffer())).updates;
}

/** Every update the manifest lists, page by page, appended to one Replay. */
export async function replayOf(roomId: string, token: string): Promise<{ manifest: PlaybackManifest; replay: Replay }> {
  const manifest = await manifestOf(roomId, token);
  const replay = new Replay();
  for (const page of manifest.pages) replay.append(await pageOf(roomId, token, page.from, page.to));
  return { manifest, replay };
}

export async function filesAt(roomId: string, token: string, at: number): Promise<FilesAtResponse> {
  const res = await api(`/api/rooms/${roomId}/files?at=${at}`, { token });
  if (res.status !== 200) throw new Error(`files at ${at}: ${res.status} ${await res.text()}`);
  return (await res.json()) as FilesAtResponse;
}
