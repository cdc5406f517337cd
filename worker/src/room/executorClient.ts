/**
 * The room's side of the executor contract: post a job, look one up. Every request
 * is signed (executor/src/api.ts); every failure comes back as a value the room can
 * tell people about, never as a thrown error.
 */
import { type JobRequest, type JobResult, jobResult, signedHeaders } from '@codesync/executor/api';
import type { Env } from '../env';

const TIMEOUT_MS = 5_000;

export type PostOutcome =
  | { kind: 'accepted'; jobId: string }
  | { kind: 'busy'; retryAfterS: number; message: string }
  /** `code`: the executor's own error code, when it gave one (e.g. `terminals_full`). */
  | { kind: 'refused'; message: string; code: string | null }
  | { kind: 'unreachable'; message: string };

export type LookupOutcome =
  | { kind: 'found'; result: JobResult }
  | { kind: 'missing' }
  /** A cluster node that did not take the job (404 `not_here`): another may have it (EXEC16). */
  | { kind: 'elsewhere' }
  | { kind: 'unreachable'; message: string };

async function errorOf(res: Response): Promise<{ message: string; code: string | null }> {
  const text = await res.text();
  try {
    const { error } = JSON.parse(text) as { error?: { message?: unknown; code?: unknown } };
    return {
      message: typeof error?.message === 'string' ? error.message : text.slice(0, 200),
      code: typeof error?.code === 'string' ? error.code : null,
    };
  } catch {
    return { message: text.slice(0, 200), code: null }; // not JSON: show what there is
  }
}

export async function postJob(env: Env, job: JobRequest): Promise<PostOutcome> {
  const body = JSON.stringify(job);
  let res: Response;
  try {
    res = await fetch(`${env.EXECUTOR_URL}/v1/jobs`, {
      method: 'POST',
      headers: await signedHeaders(env.EXECUTOR_SECRET, 'to-executor', { method: 'POST', path: '/v1/jobs', body }),
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'unreachable', message: `The code runner could not be reached (${(error as Error).message}).` };
  }
  if (res.status === 202) return { kind: 'accepted', jobId: ((await res.json()) as { id: string }).id };
  if (res.status === 503) {
    const retryAfterS = Number(res.headers.get('retry-after') ?? 5) || 5;
    await res.body?.cancel();
    return { kind: 'busy', retryAfterS, message: `The code runner is busy. Try again in ${retryAfterS} s.` };
  }
  if (res.status >= 500) return { kind: 'unreachable', message: `The code runner failed (HTTP ${res.status}).` };
  return { kind: 'refused', ...(await errorOf(res)) };
}

export async function lookupJob(env: Env, jobId: string): Promise<LookupOutcome> {
  let res: Response;
  try {
    const path = `/v1/jobs/${encodeURIComponent(jobId)}`;
    res = await fetch(`${env.EXECUTOR_URL}${path}`, {
      headers: await signedHeaders(env.EXECUTOR_SECRET, 'to-executor', { method: 'GET', path, body: '' }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'unreachable', message: (error as Error).message };
  }
  if (res.status === 404) {
    const code = await res
      .json()
      .then((body) => (body as { error?: { code?: unknown } }).error?.code)
      .catch(() => null);
    return code === 'not_here' ? { kind: 'elsewhere' } : { kind: 'missing' };
  }
  if (!res.ok) return { kind: 'unreachable', message: `HTTP ${res.status}` };
  return { kind: 'found', result: jobResult.parse(await res.json()) };
}
