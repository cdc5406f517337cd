/** Restore's API as a test calls it: restore, its refusal, and moments the room's history has passed. */
import type { RestoreAnswer } from '../../../src/restore/schema';
import { manifestOf } from '../playback/support';
import { api, until } from '../support';

export async function restore(roomId: string, token: string, body: unknown): Promise<Response> {
  return api(`/api/rooms/${roomId}/restore`, {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function restored(roomId: string, token: string, at: number): Promise<RestoreAnswer> {
  const res = await restore(roomId, token, { at });
  if (res.status !== 200) throw new Error(`restore: ${res.status} ${await res.text()}`);
  return (await res.json()) as RestoreAnswer;
}

export async function refusalOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...error };
}

/**
 * The moment after the room's `count`th stored update: its time, once the room's clock has
 * moved past it, so whatever is typed next is stamped later.
 */
export async function momentAfter(roomId: string, token: string, count: number): Promise<number> {
  const manifest = await until(async () => {
    const m = await manifestOf(roomId, token);
    return m.updates.count >= count ? m : null;
  }, `${count} updates stored`);
  const at = manifest.updates.lastAt ?? 0;
  await until(() => Date.now() > at, 'the clock to move on');
  return at;
}
