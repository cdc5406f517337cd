/**
 * A test job's cases as they come out of the sandbox: the runner relays each case's
 * output and then a frame on its own stream (`case`, see languages/base/runner.pl) that
 * says the case ended and how. The program cannot write that stream (it holds only its
 * own pipes, which the runner frames), so output is attributed to cases without
 * trusting anything user code prints. Each case's output is kept up to its cap.
 *
 * @example
 * const cases = new CaseCollector(64 * 1024, (outcome) => judgeAndSend(outcome));
 * cases.output('stdout', bytes); // …then the runner's end frame:
 * cases.end(frameBytes);
 */

import { OutputBudget } from './outputBudget';
import type { OutputStream } from './run';

/** How one case ended, as the runner measured it: no judgement on its output yet. */
export interface CaseOutcome {
  index: number;
  /** The program's exit status, 128+n for signal n. */
  status: number;
  /** Why the runner stopped it: its wall-clock limit, or its output cap. */
  killedFor: 'time' | 'output' | null;
  /** The container's OOM killer struck while the case ran. */
  oomKilled: boolean;
  timeMs: number;
  memoryKb: number | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

/** "end <index> <status> <maxrssKb> <elapsedMs> <-|time|output> <oomKills>" */
const END_FRAME = /^end (\d+) (\d+) (\d+) (\d+) (-|time|output) (\d+)$/;

export class CaseCollector {
  readonly #capBytes: number;
  readonly #onCase: (outcome: CaseOutcome) => void;
  #budget: OutputBudget;
  #decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  #out = { stdout: '', stderr: '' };
  /** The index of the case that runs now: how many have ended. */
  #index = 0;

  constructor(capBytes: number, onCase: (outcome: CaseOutcome) => void) {
    this.#capBytes = capBytes;
    this.#onCase = onCase;
    this.#budget = new OutputBudget(capBytes);
  }

  /** Output of the case that runs now. */
  output(stream: Exclude<OutputStream, 'compile'>, data: Buffer): void {
    this.#keep(stream, this.#decoders[stream].decode(data, { stream: true }));
  }

  /** The runner's end frame of the case that runs now. */
  end(frame: Buffer): void {
    const fields = END_FRAME.exec(frame.toString('latin1'));
    if (!fields || Number(fields[1]) !== this.#index) {
      // Only the runner writes this stream: a frame that does not parse is a runner bug.
      throw new Error(`the runner sent a case frame that does not parse: ${JSON.stringify(frame.toString('latin1'))}`);
    }
    for (const stream of ['stdout', 'stderr'] as const) this.#keep(stream, this.#decoders[stream].decode());
    const memoryKb = Number(fields[3]);
    const outcome: CaseOutcome = {
      index: this.#index,
      status: Number(fields[2]),
      killedFor: fields[5] === '-' ? null : (fields[5] as 'time' | 'output'),
      oomKilled: Number(fields[6]) > 0,
      timeMs: Number(fields[4]),
      memoryKb: memoryKb > 0 ? memoryKb : null,
      stdout: this.#out.stdout,
      stderr: this.#out.stderr,
      truncated: this.#budget.exhausted,
    };
    this.#index += 1;
    this.#budget = new OutputBudget(this.#capBytes);
    this.#decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    this.#out = { stdout: '', stderr: '' };
    this.#onCase(outcome);
  }

  #keep(stream: 'stdout' | 'stderr', text: string): void {
    this.#out[stream] += this.#budget.take(text);
  }
}
