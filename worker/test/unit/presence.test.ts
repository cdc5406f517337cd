import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sanitizePresence } from '../../src/room/presence';

describe('sanitizePresence', () => {
  it('[SEC-AWARE4] keeps the cursor y-codemirror.next writes (Y.RelativePosition objects, nulls included)', () => {
    const doc = new Y.Doc();
    const text = doc.getMap('files').set('f', new Y.Text('hello'));
    const anchor = Y.createRelativePositionFromTypeIndex(text, 2);
    const head = Y.createRelativePositionFromTypeIndex(text, 5);
    const state = JSON.parse(JSON.stringify({ user: { name: 'x', color: '#0090ff' }, cursor: { anchor, head } }));
    const clean = sanitizePresence(state, { clientId: 1, connId: 'c1', name: 'Cara', role: 'candidate' });
    expect(clean?.cursor).toEqual(state.cursor);
    expect(clean?.user).toEqual({ name: 'Cara', role: 'candidate', color: '#0090ff', colorLight: '#0090ff33' });
  });
});
