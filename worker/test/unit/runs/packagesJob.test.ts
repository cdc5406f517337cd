/**
 * A run carries the room's declared libraries for its language to the executor
 * (runs/start.ts), and nothing when none are declared.
 */
import { jobRequest } from '@codesync/executor/api';
import { describe, expect, it } from 'vitest';
import { admit } from '../../../src/runs/start';
import { context, T0 } from './support';

const request = { runId: 'run-1', by: { name: 'Cara', role: 'candidate' as const } };

describe('a run with declared libraries', () => {
  it('[LIB9] the job names the room’s packages for its language, and the executor’s schema takes it', () => {
    const admitted = admit(context({ packages: ['sortedcontainers@2.4.0'] }), request, T0);
    if (!admitted.ok) throw new Error(admitted.refusal.message);
    expect(admitted.job.packages).toEqual(['sortedcontainers@2.4.0']);
    expect(jobRequest.safeParse(admitted.job).success).toBe(true);
  });

  it('[LIB9] no declared packages: the job has no packages field', () => {
    for (const packages of [undefined, []]) {
      const admitted = admit(context(packages ? { packages } : {}), request, T0);
      if (!admitted.ok) throw new Error(admitted.refusal.message);
      expect(admitted.job).not.toHaveProperty('packages');
    }
  });
});
