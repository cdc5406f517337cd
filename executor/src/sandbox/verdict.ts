/**
 * From what happened in a sandbox to a verdict. The host's own kills (time, output)
 * win; then the compile step; then memory; then the exit status.
 */
import { constants } from 'node:os';
import type { Verdict } from '../api';

export interface Observed {
  /** `stopped`: someone stopped an interactive run; `dropped`: its stream to the room closed. */
  killedFor: 'time' | 'output' | 'stopped' | 'dropped' | null;
  compileStatus: number | null;
  /** The program's exit status as the runner saw it (128+n for signal n), if it reported. */
  exitStatus: number | null;
  /** The container's own exit code, when the runner did not report. */
  containerExit: number | null;
  oomKilled: boolean;
}

export function verdictFor(o: Observed): Verdict {
  if (o.killedFor === 'output') return 'output_limit';
  if (o.killedFor === 'time') return 'time_limit';
  if (o.killedFor === 'stopped') return 'runtime_error';
  if (o.killedFor === 'dropped') return 'internal_error';
  if (o.compileStatus !== null && o.compileStatus !== 0) return 'compile_error';
  if (o.oomKilled) return 'memory_limit';
  if (o.exitStatus === null) {
    // The runner never reported how the program ended: the container died under it. Only
    // the host SIGKILLs a container's first process (137), and we did not (killedFor):
    // that is the OOM killer. Docker's OOMKilled flag alone misses some of those under
    // gVisor, where running out of memory ends the whole sandbox (docs/SANDBOX.md).
    return o.containerExit === 137 ? 'memory_limit' : o.containerExit === 0 ? 'internal_error' : 'runtime_error';
  }
  if (o.exitStatus !== 0) return 'runtime_error';
  return 'ok';
}

const SIGNAL_NAMES = Object.fromEntries(Object.entries(constants.signals).map(([name, n]) => [n, name]));

/** Splits a shell exit status into an exit code or a signal name. */
export function splitStatus(status: number | null): { exitCode: number | null; signal: string | null } {
  if (status === null) return { exitCode: null, signal: null };
  if (status > 128 && status < 128 + 65)
    return { exitCode: null, signal: SIGNAL_NAMES[status - 128] ?? `SIG${status - 128}` };
  return { exitCode: status, signal: null };
}
