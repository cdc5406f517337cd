/**
 * Private comment threads in the panel's doc (panel/privateThreads.ts): anchored into the
 * room's doc, judged by the panel's gate, never written to the room's doc.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_REPLIES_PER_THREAD } from '../../src/limits';
import { Panel, type PanelSender } from '../../src/panel/panel';
import { definePanelTypes } from '../../src/panel/panelDoc';
import {
  createPrivateThread,
  listPrivateThreads,
  privateRepliesOf,
  privateThreadsOf,
  replyPrivately,
  setPrivateResolved,
} from '../../src/panel/privateThreads';
import { fileByPath, seedDoc } from '../../src/room/doc';
import { encodeUpdate } from '../../src/room/protocol';
import { placeOf } from '../../src/room/threads';
import { ListLog } from './listLog';

const observer: PanelSender = { connId: 'o', name: 'Olu', role: 'observer' };
const interviewer: PanelSender = { connId: 'i', name: 'Ivy', role: 'interviewer' };

function setup() {
  const room = new Y.Doc();
  seedDoc(room, { path: 'main.py', content: 'x = input()\nprint(x)\n' });
  const panel = new Panel(new ListLog());
  let client = new Y.Doc();
  /** A client in step with the panel: after a refusal the old one holds what the panel refused. */
  const fresh = () => {
    client = new Y.Doc();
    definePanelTypes(client);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(panel.doc));
    return client;
  };
  fresh();
  const send = (change: (client: Y.Doc) => void, sender = observer) => {
    const before = Y.encodeStateVector(client);
    change(client);
    return panel.receive(sender, encodeUpdate(Y.encodeStateAsUpdate(client, before)));
  };
  const file = fileByPath(room, 'main.py');
  if (!file) throw new Error('no file');
  /** Olu opens a private thread on the file's first five characters; its id. */
  const open = (text: string) => {
    let id = '';
    send((c) => {
      const made = createPrivateThread(c, room, {
        file: file.id,
        from: 0,
        to: 5,
        text,
        author: 'Olu',
        role: 'observer',
      });
      if (made.ok) id = made.id;
    });
    return id;
  };
  return { room, panel, client, send, file, fresh, open };
}

describe('private threads', () => {
  it('[CMT10] live in the panel doc, anchor into the room doc, and take replies and resolve through the panel gate', () => {
    const { room, panel, client, send, file } = setup();
    const roomBefore = Y.encodeStateAsUpdate(room);
    let id = '';
    const opened = send(() => {
      const made = createPrivateThread(client, room, {
        file: file.id,
        from: 12,
        to: 20,
        text: 'Ask why no int()',
        author: 'Olu',
        role: 'observer',
      });
      if (made.ok) id = made.id;
    });
    expect(opened.filter((e) => e.kind === 'refused')).toEqual([]);
    expect(
      send(() => replyPrivately(client, id, { text: 'Agreed', author: 'Ivy', role: 'interviewer' }), interviewer).some(
        (e) => e.kind === 'refused',
      ),
    ).toBe(false);
    expect(send(() => setPrivateResolved(client, id, true)).some((e) => e.kind === 'refused')).toBe(false);
    const [thread] = listPrivateThreads(panel.doc);
    expect(thread).toMatchObject({ id, resolved: true, author: 'Olu', role: 'observer' });
    expect(thread?.replies.map((r) => r.text)).toEqual(['Ask why no int()', 'Agreed']);
    // Nothing was written to the room's doc; the anchor is into it, and follows an edit above.
    expect(Y.encodeStateAsUpdate(room)).toEqual(roomBefore);
    expect(room.share.has('privateThreads')).toBe(false);
    file.text.insert(0, '# read\n');
    const place = thread ? placeOf(room, thread) : null;
    expect(place?.kind === 'live' && file.text.toString().slice(place.from, place.to)).toBe('print(x)');
  });

  it('[CMT10] the panel gate refuses a malformed private thread or reply, and replies past the limit', () => {
    const { panel, send, file, fresh, open } = setup();
    const bad = [
      (client: Y.Doc) => privateThreadsOf(client).set('abcdefghijkl', { file: file.id, start: 'AAAA', end: 'AAAA' }),
      (client: Y.Doc) => privateThreadsOf(client).set('short', { nonsense: true }),
      (client: Y.Doc) =>
        privateRepliesOf(client).set('abcdefghijkl', {
          thread: 'abcdefghijkl',
          author: 'O',
          role: 'observer',
          at: 1,
          text: '',
        }),
      (client: Y.Doc) =>
        privateRepliesOf(client).set('abcdefghijkl', {
          thread: 'abcdefghijkl',
          author: 'O',
          role: 'observer',
          at: 1,
          text: 'x',
          more: 1,
        }),
    ];
    for (const change of bad) {
      const effects = send(change);
      expect(effects, String(change)).toMatchObject([{ kind: 'refused', refusal: { code: 'bad_document' } }]);
      fresh();
    }
    expect(privateThreadsOf(panel.doc).size + privateRepliesOf(panel.doc).size).toBe(0);
    const id = open('first');
    const flood = send((client) => {
      for (let i = 0; i < MAX_REPLIES_PER_THREAD; i++) {
        privateRepliesOf(client).set(`r${String(i).padStart(11, '0')}`, {
          thread: id,
          author: 'Olu',
          role: 'observer',
          at: 2,
          text: 'again',
        });
      }
    });
    expect(flood).toMatchObject([{ kind: 'refused', refusal: { code: 'bad_document' } }]);
    expect(listPrivateThreads(panel.doc)[0]?.replies).toHaveLength(1);
  });

  it("[CMT12] the panel gate keeps private threads in their writer's name: no forged author or role, no rewritten thread or comment", () => {
    const { room, panel, send, file, fresh, open } = setup();
    const id = open('mine');
    const [reply] = [...privateRepliesOf(panel.doc).keys()];
    const openAs = (client: Y.Doc, author: string, role: 'observer' | 'interviewer') =>
      createPrivateThread(client, room, { file: file.id, from: 0, to: 5, text: 'fake', author, role });
    const forgeries: [string, (client: Y.Doc) => void][] = [
      ["a thread in the interviewer's name", (client) => openAs(client, 'Ivy', 'observer')],
      ["a thread with the interviewer's role", (client) => openAs(client, 'Olu', 'interviewer')],
      [
        "a reply in another's name",
        (client) => replyPrivately(client, id, { text: 'fake', author: 'Ivy', role: 'interviewer' }),
      ],
      [
        'a thread moved to another author',
        (client) =>
          privateThreadsOf(client).set(id, {
            ...(privateThreadsOf(client).get(id) as object),
            author: 'Ivy',
            role: 'interviewer',
          }),
      ],
      [
        'a thread moved to other code',
        (client) =>
          privateThreadsOf(client).set(id, { ...(privateThreadsOf(client).get(id) as object), start: 'AAAA' }),
      ],
      [
        'a comment rewritten',
        (client) =>
          privateRepliesOf(client).set(reply as string, {
            ...(privateRepliesOf(client).get(reply as string) as object),
            text: 'rewritten',
          }),
      ],
    ];
    for (const [what, change] of forgeries) {
      expect(send(change), what).toMatchObject([{ kind: 'refused', refusal: { code: 'bad_document' } }]);
      fresh();
    }
    const [thread] = listPrivateThreads(panel.doc);
    expect(listPrivateThreads(panel.doc)).toHaveLength(1);
    expect(thread).toMatchObject({ author: 'Olu', role: 'observer', resolved: false });
    expect(thread?.replies.map((r) => [r.author, r.text])).toEqual([['Olu', 'mine']]);
    // What stays allowed: anyone of the panel resolves a thread and replies in their own name.
    expect(send((client) => setPrivateResolved(client, id, true), interviewer)).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ kind: 'refused' })]),
    );
    expect(
      send((client) => replyPrivately(client, id, { text: 'ok', author: 'Ivy', role: 'interviewer' }), interviewer),
    ).toEqual(expect.not.arrayContaining([expect.objectContaining({ kind: 'refused' })]));
    expect(listPrivateThreads(panel.doc)[0]).toMatchObject({ author: 'Olu', resolved: true });
  });
});
