/**
 * A run waiting for a sandbox (issue 19): the executor's `queued {position}` events go
 * through the machine like every other event (in seq order, stored, broadcast) and the
 * shared fold keeps the place only while the run waits.
 */
import { describe, expect, it } from 'vitest';
import { applyRunEvent } from '../../../src/runs/applyRunEvent';
import { Driven, queuedRun } from './support';

describe('place in line', () => {
  it('[RUN18] each place is stored and broadcast in seq order, and the browser folds the same run', () => {
    const d = Driven.accepted();
    d.event(1, { type: 'queued', position: 1 }); // early: held until seq 0
    expect(d.run).not.toHaveProperty('position');
    d.event(0, { type: 'queued', position: 2 });
    expect(d.run).toMatchObject({ state: 'queued', position: 1 });
    expect(d.stored?.run).toEqual(d.run);
    expect(d.broadcasts()).toEqual(['queued', 'queued', 'queued']);
    expect(d.folded()).toEqual(d.run);
    d.event(2, { type: 'started' });
    expect(d.run.state).toBe('running');
    expect(d.run).not.toHaveProperty('position');
    expect(d.folded()).toEqual(d.run);
  });

  it('[RUN18] a place that arrives after the run started, or closed, changes nothing', () => {
    const running = applyRunEvent(queuedRun('r'), { type: 'started', at: 2 });
    expect(applyRunEvent(running, { type: 'queued', at: 3, position: 1 })).toBe(running);
    const failed = applyRunEvent(queuedRun('r'), {
      type: 'failed',
      at: 2,
      error: 'timed_out',
      message: 'm',
      retryAfterS: null,
    });
    expect(applyRunEvent(failed, { type: 'queued', at: 3, position: 1 })).toBe(failed);
  });
});
