import type { QueuedRun } from '@codesync/worker/runs';
import { describe, expect, it } from 'vitest';
import { ordinal, waitingText } from '../src/run/waiting';

const queued = (position?: number): QueuedRun => ({
  runId: 'r',
  kind: 'run',
  startedBy: { name: 'Cara', role: 'candidate' },
  language: 'python',
  path: 'main.py',
  stdin: '',
  createdAt: 0,
  state: 'queued',
  ...(position === undefined ? {} : { position }),
});

describe('a run waiting for a sandbox', () => {
  it('[WEB12] says its place in line when the executor knows it, and just that it waits when not', () => {
    expect(waitingText(queued(2))).toBe('Waiting for a sandbox — 2nd in line');
    expect(waitingText(queued(1))).toBe('Waiting for a sandbox — 1st in line');
    expect(waitingText(queued())).toBe('Waiting for a sandbox');
  });

  it('[WEB12] names places in English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });
});
