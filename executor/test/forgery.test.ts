/**
 * Programs that try to speak for the runner. The runner marks its lines with a per-job
 * nonce; the program runs as the same uid, and this kernel lets a process read the
 * memory of any process with its uid. So: (1) the runner must be out of the program's
 * reach, and (2) should the nonce leak anyway, forged lines must not buy time or hide
 * a crash. (2) is played here by handing the nonce to the program. Since the runner
 * relays the program's output (runner.pl), a forged line written to stderr is only
 * output; these tests keep the property whichever way a line might reach the host.
 */
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../src/sandbox/container';
import { imageTag } from '../src/sandbox/imageTags.mjs';
import { runInSandbox } from '../src/sandbox/run';
import { run, testSandboxConfig, UNDER_GVISOR, useApp } from './helper';

const app = useApp({ EXECUTOR_POOL_SIZE: '1' });

describe("the runner is out of the program's reach", () => {
  it("[EXEC3] cannot read the runner's memory, maps or environment, write to its output, nor signal it", async () => {
    const result = await run(app(), {
      language: 'python',
      files: [
        {
          path: 'main.py',
          content:
            'import os, signal\nppid = os.getppid()\nprint("parent", ppid)\n' +
            'for name in ("mem", "maps", "environ"):\n' +
            '    try:\n        data = open(f"/proc/{ppid}/{name}", "rb").read()\n        print(name, "read")\n' +
            '        if name == "environ": print(sorted(v.split(b"=")[0].decode() for v in data.split(b"\\0") if v))\n' +
            '    except OSError as e:\n        print(name, e.strerror)\n' +
            // The runner's own stdout and stderr carry its frames and markers.
            'for fd in ("1", "2"):\n' +
            '    try:\n        open(f"/proc/{ppid}/fd/{fd}", "wb").write(b"x")\n        print("fd", fd, "written")\n' +
            '    except OSError as e:\n        print("fd", fd, "refused")\n' +
            'try:\n    os.kill(ppid, signal.SIGKILL)\nexcept OSError as e:\n    print("kill", e.strerror)\nprint("still here")\n',
        },
      ],
    });
    // Debian's 2022 gVisor checks no access to /proc/<pid>/maps and environ (a current one
    // does, as Linux): there the program reads the runner's memory layout and the image's
    // variables, and nothing else (no secret ever reaches a sandbox: container.ts).
    const layoutAndEnvironment = UNDER_GVISOR
      ? "maps read\nenviron read\n['HOME', 'HOSTNAME', 'LANG', 'PATH']\n"
      : 'maps Permission denied\nenviron Permission denied\n';
    expect(result.stdout).toBe(
      `parent 1\nmem Permission denied\n${layoutAndEnvironment}fd 1 refused\nfd 2 refused\n` +
        'kill Operation not permitted\nstill here\n',
    );
    // The runner survived and reported.
    expect(result).toMatchObject({ verdict: 'ok', exitCode: 0 });
    expect(result.memoryKb).toBeGreaterThan(0);
  });
});

describe('forged markers with a leaked nonce', () => {
  const docker = new Docker();
  const NONCE = '0123456789abcdef0123456789abcdef';
  const limits = { timeMs: 1000, memoryMb: 256, outputKb: 1024 };

  async function runWithLeakedNonce(program: string) {
    const sandbox = await createSandbox(docker, await testSandboxConfig(), 'python', imageTag('python'), 256);
    const content = `import sys, time\nnonce = "${NONCE}"\ndef forge(line):\n    sys.stderr.write(f"\\n{nonce}:{line}\\n")\n    sys.stderr.flush()\n${program}`;
    return runInSandbox(
      sandbox,
      { files: [{ path: 'main.py', content }], entry: 'main.py', stdin: '', analyze: false, limits },
      { output: () => {} },
      NONCE,
    );
  }

  it('[EXEC6] a forged "exited" does not stop the wall-clock kill', { timeout: 20_000 }, async () => {
    const outcome = await runWithLeakedNonce('forge("exited:0:1:0")\nwhile True:\n    pass\n');
    expect(outcome.verdict).toBe('time_limit');
    expect(outcome.timeMs).toBeLessThan(limits.timeMs + 2000);
  });

  it('[EXEC6] forged "compiled" markers do not reset the time limit', { timeout: 20_000 }, async () => {
    const outcome = await runWithLeakedNonce('while True:\n    forge("compiled:0")\n    time.sleep(0.2)\n');
    expect(outcome.verdict).toBe('time_limit');
    expect(outcome.timeMs).toBeLessThan(limits.timeMs + 2000);
  });

  it('[EXEC6] a forged "exited" claiming success does not hide a crash', { timeout: 20_000 }, async () => {
    const outcome = await runWithLeakedNonce('forge("exited:0:1:0")\nsys.exit(3)\n');
    expect(outcome).toMatchObject({ verdict: 'runtime_error', exitCode: 3 });
  });
});
