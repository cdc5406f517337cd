/**
 * From what was observed of a sandbox to a verdict (sandbox/verdict.ts): the host's own
 * kills first, then the compile step, memory, the exit status.
 */
import { describe, expect, it } from 'vitest';
import { type Observed, verdictFor } from '../src/sandbox/verdict';

const ran: Observed = { killedFor: null, compileStatus: 0, exitStatus: 0, containerExit: null, oomKilled: false };

describe('verdictFor', () => {
  it('[EXEC5] a container that died under the runner with 137 is a memory_limit even when Docker missed the OOM kill', () => {
    // Seen under gVisor on a loaded host: the runner had reported the compile, never the
    // program's end; Docker said exit 137 and OOMKilled false.
    expect(verdictFor({ ...ran, exitStatus: null, containerExit: 137 })).toBe('memory_limit');
    expect(verdictFor({ ...ran, compileStatus: null, exitStatus: null, containerExit: 137 })).toBe('memory_limit');
  });

  it('[EXEC5] the host’s own kills win over what the container said', () => {
    expect(verdictFor({ ...ran, exitStatus: null, containerExit: 137, killedFor: 'time' })).toBe('time_limit');
    expect(verdictFor({ ...ran, exitStatus: null, containerExit: 137, killedFor: 'output' })).toBe('output_limit');
    expect(verdictFor({ ...ran, exitStatus: null, containerExit: 137, killedFor: 'stopped' })).toBe('runtime_error');
    expect(verdictFor({ ...ran, exitStatus: null, containerExit: 137, killedFor: 'dropped' })).toBe('internal_error');
  });

  it('[EXEC5] a runner that reported decides by the program’s status; its own OOM count is a memory_limit', () => {
    expect(verdictFor(ran)).toBe('ok');
    expect(verdictFor({ ...ran, exitStatus: 1 })).toBe('runtime_error');
    // 128 + 9: the program killed itself, or was killed inside the sandbox; not the OOM killer unless counted.
    expect(verdictFor({ ...ran, exitStatus: 137 })).toBe('runtime_error');
    expect(verdictFor({ ...ran, exitStatus: 137, oomKilled: true })).toBe('memory_limit');
    expect(verdictFor({ ...ran, compileStatus: 1, exitStatus: null })).toBe('compile_error');
  });

  it('[EXEC5] a container that died under the runner otherwise is a runtime_error, or ours when it exited 0', () => {
    expect(verdictFor({ ...ran, exitStatus: null, containerExit: 1 })).toBe('runtime_error');
    expect(verdictFor({ ...ran, exitStatus: null, containerExit: 0 })).toBe('internal_error');
  });
});
