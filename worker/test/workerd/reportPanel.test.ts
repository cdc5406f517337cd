/**
 * The report carries what the panel wrote (REP10): the notes and scorecard co-edited on
 * the panel socket and the candidate's integrity signals, read from the room's PanelDO.
 */
import { describe, expect, it } from 'vitest';
import { rate, readScorecard, recommend, summaryOf } from '../../src/panel/panelDoc';
import { reportSchema } from '../../src/report/schema';
import { PanelPeer } from './panel/panelPeer';
import { api, createRoom, until } from './support';

describe('the report and the panel', () => {
  it('[REP10] carries the notes, the scorecard by criterion name and the signals in words; none of it with a candidate token', async () => {
    const room = await createRoom();
    const before = reportSchema.parse(
      await (await api(`/api/rooms/${room.roomId}/report`, { token: room.tokens.interviewer })).json(),
    );
    expect(before.panel).toEqual({ notes: '', scorecard: null, signals: [] });

    const panel = await PanelPeer.connect(room.roomId, room.tokens.interviewer, 'Ivy');
    panel.doc.getText('notes').insert(0, 'Strong on hashing; REPORT-NOTE-7731');
    const [first] = readScorecard(panel.doc).criteria;
    if (!first) throw new Error('no default criterion');
    rate(panel.doc, first.id, 3);
    recommend(panel.doc, 'yes');
    summaryOf(panel.doc).insert(0, 'Hire for the platform team');
    for (const body of [
      { kind: 'paste', chars: 640, file: 'main.py' },
      { kind: 'focus', state: 'left' },
      { kind: 'focus', state: 'returned' },
    ]) {
      const res = await api(`/api/rooms/${room.roomId}/signals`, {
        method: 'POST',
        token: room.tokens.candidate,
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(204);
    }
    const reportNow = async () =>
      reportSchema.parse(await (await api(`/api/rooms/${room.roomId}/report`, { token: room.tokens.observer })).json());
    await until(
      async () => (await reportNow()).panel.scorecard?.summary === 'Hire for the platform team',
      'the panel to be stored',
    );
    const { panel: written } = await reportNow();
    expect(written.notes).toBe('Strong on hashing; REPORT-NOTE-7731');
    expect(written.scorecard?.recommendation).toBe('yes');
    expect(written.scorecard?.ratings).toContainEqual({ criterion: first.name, rating: 3 });
    expect(written.signals.map((s) => [s.kind, s.by, s.detail.replace(/\d+ s/, 'N s')])).toEqual([
      ['paste', 'candidate', 'pasted 640 characters into main.py'],
      ['focus', 'candidate', 'left the interview tab'],
      ['focus', 'candidate', 'came back after N s away'],
    ]);

    const refused = await api(`/api/rooms/${room.roomId}/report`, { token: room.tokens.candidate });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('REPORT-NOTE-7731');
    panel.close();
  });
});
