/**
 * The panel's logic without workerd (worker/src/panel/panel.ts): updates that arrive out
 * of order, and a refusal that must leave the gate's replica equal to the doc.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Panel, type PanelSender } from '../../src/panel/panel';
import { definePanelTypes } from '../../src/panel/panelDoc';
import { encodeUpdate } from '../../src/room/protocol';
import { ListLog } from './listLog';

const interviewer: PanelSender = { connId: 'a', name: 'Ian', role: 'interviewer' };

/** A client doc in step with the panel, and the updates each of its edits makes. */
function clientOf(panel: Panel) {
  const doc = new Y.Doc();
  definePanelTypes(doc);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(panel.doc));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates };
}

describe('the panel', () => {
  it('[PANEL6] updates that arrive before the ones they depend on wait, then apply in order', () => {
    const log = new ListLog();
    const panel = new Panel(log);
    const client = clientOf(panel);
    for (const ch of 'notes') client.doc.getText('notes').insert(client.doc.getText('notes').length, ch);
    const reversed = [...client.updates].reverse();
    const effects = reversed.map((u) => panel.receive(interviewer, encodeUpdate(u)));
    expect(effects.slice(0, -1).every((e) => e.length === 0)).toBe(true); // held, not refused
    expect(effects.at(-1)?.filter((e) => e.kind === 'send')).toHaveLength(5);
    expect(panel.read().notes).toBe('notes');
    // Stored, so a restart gets the same notes.
    expect(new Panel(log).read().notes).toBe('notes');
  });

  it('[PANEL3] after a refused update the gate still judges against the real doc', () => {
    const panel = new Panel(new ListLog());
    const client = clientOf(panel);
    client.doc.getMap('smuggled').set('x', 1);
    const refused = panel.receive(interviewer, encodeUpdate(client.updates[0] as Uint8Array));
    expect(refused).toMatchObject([{ kind: 'refused', refusal: { code: 'bad_document' } }]);
    expect(panel.doc.share.has('smuggled')).toBe(false);
    // An honest client's edit is taken as before.
    const honest = clientOf(panel);
    honest.doc.getText('notes').insert(0, 'ok');
    const taken = panel.receive(interviewer, encodeUpdate(honest.updates[0] as Uint8Array));
    expect(taken).toMatchObject([{ kind: 'send', audience: { to: 'others', except: 'a' } }]);
    expect(panel.read().notes).toBe('ok');
  });
});
