/**
 * Adversarial suite, issue #10 hole 10 (the worker's side): a signed event speaks only
 * for the job the run posted. An event of another job (a replay of another run's job,
 * a job the run never asked for) changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Driven, numbered, T0 } from './support';

describe('run events and their job (hole 10)', () => {
  it('[SEC-SIG3] hole 10: an event whose jobId is not the run’s job changes nothing', () => {
    const d = Driven.accepted();
    const forged = { ...numbered(0, { type: 'started' }), jobId: 'job-of-someone-else' };
    expect(d.input({ kind: 'event', now: T0 + 20, event: forged })).toEqual([]);
    expect(d.run.state).toBe('queued');
    d.event(0, { type: 'started' });
    expect(d.run.state).toBe('running');
  });
});
