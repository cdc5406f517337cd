/**
 * The panel's notes, scorecard and integrity signals for the report. They live in
 * another Durable Object (PanelDO, built beside this in issue 11): the lead wires this
 * function to its `record()` RPC at merge. Until then a room has no panel record, and
 * the report says so with empty notes, no scorecard and no signals.
 */
import type { Env } from '../env';
import type { PanelRecord } from './schema';

export async function panelRecordOf(_env: Env, _roomId: string): Promise<PanelRecord> {
  return { notes: '', scorecard: null, signals: [] };
}
