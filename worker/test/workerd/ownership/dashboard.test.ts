/**
 * `GET /api/rooms`: the signed-in account's interviews (and its team's: teams.test.ts),
 * newest first, paged, with the question, the candidate, the duration and the verdict;
 * 401 without an account; another account sees none of them.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Interview } from '../../../src/accounts/ownership/schema';
import { recommend } from '../../../src/panel/panelDoc';
import { PanelPeer } from '../panel/panelPeer';
import { api, Peer, until } from '../support';
import { type Account, asAccount, ownedRoom, post, signedIn } from './accounts';

interface Page {
  interviews: Interview[];
  nextCursor: string | null;
}

async function list(account: Account, query = ''): Promise<Page> {
  const res = await asAccount(account, `/api/rooms${query}`);
  if (res.status !== 200) throw new Error(`list: ${res.status} ${await res.text()}`);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as Page;
}

describe('the dashboard listing', () => {
  it('[MINE2] 401 without an account, in words that say to sign in', async () => {
    const res = await api('/api/rooms');
    expect(res.status).toBe(401);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('not_signed_in');
    expect(error.message).toMatch(/sign in/i);
    const forged = await api('/api/rooms', { headers: { cookie: `codesync_session=${'f'.repeat(43)}` } });
    expect(forged.status).toBe(401);
  });

  it('[MINE2] lists the account’s interviews newest first with question, candidate, duration and verdict; another account sees none', async () => {
    const ada = await signedIn('Ada');
    const eve = await signedIn('Eve');
    const plain = await ownedRoom(ada, { title: 'Plain one' });
    const withQuestion = await ownedRoom(ada, { questionId: 'two-sum', language: 'go' });
    const ended = await ownedRoom(ada, { title: 'Ended one' });
    await ownedRoom(eve, { title: 'Eve’s own' });

    const candidate = await Peer.connect(withQuestion.roomId, withQuestion.tokens.candidate, { name: 'Cora' });
    const panel = await PanelPeer.connect(withQuestion.roomId, withQuestion.tokens.interviewer, 'Ivy');
    recommend(panel.doc, 'strong_yes');
    expect(
      (await api(`/api/rooms/${ended.roomId}/end`, { method: 'POST', token: ended.tokens.interviewer })).status,
    ).toBe(200);

    const page = await until(async () => {
      const p = await list(ada);
      return p.interviews.find((i) => i.roomId === withQuestion.roomId)?.verdict === 'strong_yes' && p;
    }, 'the verdict on the dashboard');
    expect(page.nextCursor).toBeNull();
    const ids = page.interviews.map((i) => i.roomId);
    expect(new Set(ids)).toEqual(new Set([plain.roomId, withQuestion.roomId, ended.roomId]));
    const order = [...page.interviews].sort((a, b) => b.createdAt - a.createdAt || (a.roomId < b.roomId ? 1 : -1));
    expect(ids).toEqual(order.map((i) => i.roomId));

    const byId = Object.fromEntries(page.interviews.map((i) => [i.roomId, i]));
    expect(byId[withQuestion.roomId]).toMatchObject({
      title: 'Two Sum',
      language: 'go',
      status: 'active',
      question: 'Two Sum',
      candidate: 'Cora',
      verdict: 'strong_yes',
      durationMs: null,
      endedAt: null,
      owner: { name: 'Ada', you: true },
      team: false,
      links: {
        room: `${env.PUBLIC_URL}/r/${withQuestion.roomId}`,
        report: `${env.PUBLIC_URL}/r/${withQuestion.roomId}/report`,
        playback: `${env.PUBLIC_URL}/r/${withQuestion.roomId}/playback`,
      },
    });
    const done = byId[ended.roomId] as Interview;
    expect(done.status).toBe('ended');
    expect(done.durationMs).toBe((done.endedAt as number) - done.createdAt);
    expect(byId[plain.roomId]).toMatchObject({ question: null, candidate: null, verdict: null });
    // No link token in anything listed.
    const text = JSON.stringify(page);
    for (const room of [plain, withQuestion, ended]) {
      for (const token of Object.values(room.tokens)) expect(text).not.toContain(token);
    }

    const eves = await list(eve);
    expect(eves.interviews.map((i) => i.title)).toEqual(['Eve’s own']);
    candidate.close();
    panel.ws.close();
  });

  it('[MINE2] pages with a cursor, never repeating or skipping; a bad cursor or limit is 400 naming it', async () => {
    const ada = await signedIn('Ada');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await ownedRoom(ada, { title: `Room ${i}` })).roomId);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(ada, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.interviews.length).toBeLessThanOrEqual(2);
      seen.push(...page.interviews.map((i) => i.roomId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.length).toBe(5);
    expect(new Set(seen)).toEqual(new Set(made));

    for (const [query, field] of [
      ['?cursor=nonsense', 'cursor'],
      ['?limit=0', 'limit'],
      ['?limit=51', 'limit'],
      ['?limit=two', 'limit'],
      ['?owner=someone-else', 'owner'],
    ]) {
      const res = await asAccount(ada, `/api/rooms${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(field);
    }
  });

  it('[MINE2] the room answers its summary only to roles that review, never to a candidate', async () => {
    const ada = await signedIn('Ada');
    const room = await ownedRoom(ada);
    const stub = env.ROOM.get(env.ROOM.idFromName(room.roomId));
    const refused = await stub.summary({ kind: 'link', role: 'candidate' });
    expect(refused.ok).toBe(false);
    const allowed = await stub.summary({ kind: 'account', accountId: ada.accountId, role: 'interviewer' });
    expect(allowed).toEqual({ ok: true, value: { candidate: null, question: null } });
    // and a deleted room leaves the list
    await env.DB.prepare("UPDATE rooms SET status = 'deleted' WHERE id = ?").bind(room.roomId).run();
    expect((await list(ada)).interviews).toEqual([]);
    expect((await post(ada, `/api/rooms/${room.roomId}/tickets`)).status).toBe(410);
  });
});
