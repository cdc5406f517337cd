/**
 * Opens an interactive job's stream (stream/frames.ts) before its sandbox runs: only to
 * the origin the executor's callback allow-list accepts (config.ts callbackProblem, the
 * same check as every callback), never to a URL a job could choose freely.
 */
import type { Config } from '../config';
import { callbackProblem } from '../config';
import { RunStream } from '../stream/channel';
import { streamUrlFor } from '../stream/frames';
import type { Job } from './store';

/** Why an interactive job could not get its stream: its message is the run's stderr. */
export class StreamError extends Error {}

export async function openRunStream(config: Config, job: Job): Promise<RunStream> {
  const { callbackUrl } = job.request;
  const problem = callbackUrl ? callbackProblem(config, callbackUrl) : 'callbackUrl: missing';
  if (problem || !callbackUrl) throw new StreamError(`This interactive run has no stream to its room (${problem}).`);
  const url = job.request.requestId ? streamUrlFor(callbackUrl, job.id, job.request.requestId) : null;
  if (!url)
    throw new StreamError(
      "This interactive run has no stream to its room (callbackUrl: not a run's callback, or no requestId).",
    );
  try {
    return await RunStream.open(url, config.secret);
  } catch (error) {
    throw new StreamError(`This interactive run could not reach its room: ${(error as Error).message}. Run it again.`);
  }
}
