/**
 * Teams (issue 13): one-time invite links (random, hashed, expiring, single use);
 * members see each other's interviews and reports and join them as observers, never as
 * the interviewer or the candidate; leaving takes all of that away.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_PENDING_TEAM_INVITES, TEAM_INVITE_TTL_MS } from '../../../src/accounts/limits';
import type { Interview } from '../../../src/accounts/ownership/schema';
import { createInvite } from '../../../src/accounts/teams/teams';
import { sha256Hex } from '../../../src/auth/tokens';
import { account, authApi, me } from '../accounts/support';
import { api } from '../support';
import { asAccount, invite, joinTeamOf, ownedRoom, post, roleOnSocket, signedIn } from './accounts';

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
const titles = async (res: Response) => ((await res.json()) as { interviews: Interview[] }).interviews;

describe('team invites', () => {
  it('[MINE5] an invite link is random, stored only as a hash, and joins once: a replay is refused', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    const eve = await signedIn('Eve');
    const res = await post(ada, '/api/teams/invites');
    expect(res.status).toBe(201);
    const { link, token, expiresAt } = (await res.json()) as { link: string; token: string; expiresAt: number };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link).toBe(`${env.PUBLIC_URL}/dashboard#invite=${token}`);
    expect(expiresAt - Date.now()).toBeGreaterThan(TEAM_INVITE_TTL_MS - 60_000);
    const { results } = await env.DB.prepare('SELECT token_hash FROM team_invites').all<{ token_hash: string }>();
    expect(JSON.stringify(results)).not.toContain(token);
    expect(results.map((r) => r.token_hash)).toContain(await sha256Hex(token));

    const joined = await post(bob, '/api/teams/join', { token });
    expect(joined.status).toBe(200);
    const { team } = (await joined.json()) as { team: { members: { name: string; you: boolean }[] } };
    expect(team.members.map((m) => [m.name, m.you])).toEqual([
      ['Ada', false],
      ['Bob', true],
    ]);
    const replay = await post(eve, '/api/teams/join', { token });
    expect(replay.status).toBe(400);
    expect((await errorOf(replay)).message).toMatch(/^token: .*already used, has expired or is not valid/);
    expect(((await (await asAccount(eve, '/api/teams')).json()) as { team: unknown }).team).toBeNull();
  });

  it('[MINE5] an expired, unknown or malformed invite is refused naming the token, and joins nobody', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    const token = await invite(ada);
    await env.DB.prepare('UPDATE team_invites SET expires_at = ? WHERE token_hash = ?')
      .bind(Date.now() - 1, await sha256Hex(token))
      .run();
    for (const body of [{ token }, { token: 'u'.repeat(43) }, { token: 'short' }, {}, { token, extra: 1 }]) {
      const res = await post(bob, '/api/teams/join', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).message).toMatch(/token|extra/);
    }
    expect(((await (await asAccount(bob, '/api/teams')).json()) as { team: unknown }).team).toBeNull();
  });

  it('[MINE5] someone already in a team is refused and the invite stays usable; a team holds a bounded number of unused invites', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    const cat = await signedIn('Cat');
    await joinTeamOf(ada, bob);
    const token = await invite(ada);
    const again = await post(bob, '/api/teams/join', { token });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toMatch(/already in a team/);
    expect((await post(cat, '/api/teams/join', { token })).status).toBe(200);

    const dan = await signedIn('Dan');
    for (let i = 0; i < MAX_PENDING_TEAM_INVITES; i++) await invite(dan);
    const over = await post(dan, '/api/teams/invites');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('[MINE5] first invites racing each other make one team', async () => {
    const ada = await signedIn('Ada');
    // The real D1, with every "which team is Ada in?" held until all three have asked:
    // each invite then finds no team and makes one at the same time.
    const racing = 3;
    let asked = 0;
    let release: () => void = () => {};
    const allAsked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = (statement: D1PreparedStatement): D1PreparedStatement =>
      new Proxy(statement, {
        get(target, key) {
          if (key === 'bind') return (...values: unknown[]) => held(target.bind(...values));
          if (key === 'first') {
            return async (...args: []) => {
              if (++asked === racing) release();
              await allAsked;
              return target.first(...args);
            };
          }
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const db = new Proxy(env.DB, {
      get(target, key) {
        if (key === 'prepare') {
          return (sql: string) =>
            sql.startsWith('SELECT team_id FROM team_members') && asked < racing
              ? held(target.prepare(sql))
              : target.prepare(sql);
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const answers = await Promise.all(Array.from({ length: racing }, () => createInvite(db, ada.accountId)));
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true]);
    const teams = await env.DB.prepare('SELECT COUNT(*) AS n FROM teams WHERE created_by = ?')
      .bind(ada.accountId)
      .first<{ n: number }>();
    expect(teams?.n).toBe(1);
  });

  it('[MINE5] leaving a team: the member leaves, a team left empty goes with its invites; leaving twice is refused', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    await joinTeamOf(ada, bob);
    const pending = await invite(ada);
    expect((await post(bob, '/api/teams/leave')).status).toBe(200);
    expect((await post(ada, '/api/teams/leave')).status).toBe(200);
    const twice = await post(ada, '/api/teams/leave');
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).message).toMatch(/not in a team/);
    const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM team_invites WHERE token_hash = ?')
      .bind(await sha256Hex(pending))
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });

  it('[MINE6] a member who leaves takes their unused invites along: none of them lets them (or anyone) back in', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    const cat = await signedIn('Cat');
    await joinTeamOf(ada, bob);
    const room = await ownedRoom(ada, { title: 'Ada’s interview' });
    // Bob keeps two invites of his own making, then leaves (there is no other way to go).
    const kept = [await invite(bob), await invite(bob)];
    const adas = await invite(ada);
    expect((await post(bob, '/api/teams/leave')).status).toBe(200);
    const back = await post(bob, '/api/teams/join', { token: kept[0] });
    expect(back.status).toBe(400);
    expect((await asAccount(bob, `/api/rooms/${room.roomId}`)).status).toBe(401);
    expect((await post(cat, '/api/teams/join', { token: kept[1] })).status).toBe(400);
    // Ada's own invite is hers: it still works.
    expect((await post(cat, '/api/teams/join', { token: adas })).status).toBe(200);
  });

  it('[MINE5] every team route needs an account (401 in words)', async () => {
    for (const [method, path] of [
      ['GET', '/api/teams'],
      ['POST', '/api/teams/invites'],
      ['POST', '/api/teams/join'],
      ['POST', '/api/teams/leave'],
    ] as const) {
      const res = await api(path, { method });
      expect(res.status, path).toBe(401);
      expect((await errorOf(res)).message).toMatch(/sign in/i);
    }
  });
});

describe('team members', () => {
  it('[MINE6] a member sees the team’s interviews, marked, and joins them as an observer, never as interviewer', async () => {
    const ada = await signedIn('Ada');
    const bob = await signedIn('Bob');
    const eve = await signedIn('Eve');
    const room = await ownedRoom(ada, { title: 'Ada’s interview' });
    const bobs = await ownedRoom(bob, { title: 'Bob’s interview' });
    await joinTeamOf(ada, bob);

    const seen = await titles(await asAccount(bob, '/api/rooms'));
    expect(seen.map((i) => [i.title, i.team, i.owner.you, i.owner.name]).sort()).toEqual([
      ['Ada’s interview', true, false, 'Ada'],
      ['Bob’s interview', false, true, 'Bob'],
    ]);
    expect((await titles(await asAccount(ada, '/api/rooms'))).map((i) => i.title).sort()).toEqual([
      'Ada’s interview',
      'Bob’s interview',
    ]);
    expect(await titles(await asAccount(eve, '/api/rooms'))).toEqual([]);

    const details = await asAccount(bob, `/api/rooms/${room.roomId}`);
    expect(((await details.json()) as { you: { role: string } }).you.role).toBe('observer');
    expect((await asAccount(bob, `/api/rooms/${room.roomId}/report`)).status).toBe(200);
    const ticket = (await (await post(bob, `/api/rooms/${room.roomId}/tickets`)).json()) as { ticket: string };
    expect(await roleOnSocket(room.roomId, ticket.ticket)).toBe('observer');
    const end = await post(bob, `/api/rooms/${room.roomId}/end`);
    expect(end.status).toBe(403);
    expect((await errorOf(end)).message).toMatch(/You joined as observer/);
    // Ada is Bob's colleague too: an observer in his room, the interviewer only in hers.
    const hers = await asAccount(ada, `/api/rooms/${bobs.roomId}`);
    expect(((await hers.json()) as { you: { role: string } }).you.role).toBe('observer');

    expect((await post(bob, '/api/teams/leave')).status).toBe(200);
    expect((await titles(await asAccount(bob, '/api/rooms'))).map((i) => i.title)).toEqual(['Bob’s interview']);
    expect((await asAccount(bob, `/api/rooms/${room.roomId}`)).status).toBe(401);
  });
});

describe('invites outlive no lost session', () => {
  // A stolen session could mint invites (good for a week) for the thief's own account:
  // ending the sessions must take them too, or the thief joins the team later.
  it('[ACCT11] signing out everywhere ends the invites the account made: none of them joins', async () => {
    const ada = await signedIn('Ada');
    const eve = await signedIn('Eve');
    const minted = await invite(ada);
    expect((await post(ada, '/api/auth/signout-everywhere')).status).toBe(200);
    const res = await post(eve, '/api/teams/join', { token: minted });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^token: /);
  });

  it('[ACCT11] a password change ends the invites the account made; a colleague’s invites stay', async () => {
    const { email: _email, password, cookie } = await account('the old password');
    const { account: who } = (await (await me(cookie)).json()) as { account: { id: string } };
    const ada = { accountId: who.id, name: 'Ada', cookie };
    const bob = await signedIn('Bob');
    const eve = await signedIn('Eve');
    const cat = await signedIn('Cat');
    await joinTeamOf(ada, bob);
    const adas = await invite(ada);
    const bobs = await invite(bob);
    const changed = await authApi('/password', { current: password, next: 'the new password' }, { cookie });
    expect(changed.status).toBe(200);
    expect((await post(eve, '/api/teams/join', { token: adas })).status).toBe(400);
    expect((await post(cat, '/api/teams/join', { token: bobs })).status).toBe(200);
  });
});
