/**
 * The panel's notes, scorecard and integrity signals for the report, read from the
 * room's PanelDO (panel/PanelDO.ts `record()`) and put in the report's words. The
 * caller has already checked the role (`review`): `record()` takes no principal.
 */
import type { Env } from '../env';
import type { PanelRecord as PanelWritten } from '../panel/panelDoc';
import type { Signal } from '../panel/signals';
import { panelStub } from '../routes/panel';
import type { IntegritySignal, PanelRecord } from './schema';

export async function panelRecordOf(env: Env, roomId: string): Promise<PanelRecord> {
  return reportPanel(await panelStub(env, roomId).record());
}

/** The panel's record as the report carries it: ratings by criterion name, signals in words. */
export function reportPanel(written: PanelWritten<Signal>): PanelRecord {
  const { notes, scorecard } = written;
  const ratings = scorecard.criteria.map((c) => ({ criterion: c.name, rating: c.rating }));
  const untouched = ratings.every((r) => r.rating === null) && !scorecard.recommendation && !scorecard.summary;
  return {
    notes,
    scorecard: untouched ? null : { ratings, recommendation: scorecard.recommendation, summary: scorecard.summary },
    signals: signalsInWords(written.signals),
  };
}

function signalsInWords(signals: readonly Signal[]): IntegritySignal[] {
  let leftAt: number | null = null;
  return signals.map((signal) => {
    const base = { kind: signal.kind, at: signal.at, by: signal.by.role };
    if (signal.kind === 'paste') return { ...base, detail: `pasted ${signal.chars} characters into ${signal.file}` };
    if (signal.state === 'left') {
      leftAt = signal.at;
      return { ...base, detail: 'left the interview tab' };
    }
    const away = leftAt === null ? null : Math.round((signal.at - leftAt) / 1000);
    leftAt = null;
    return { ...base, detail: away === null ? 'came back to the tab' : `came back after ${away} s away` };
  });
}
