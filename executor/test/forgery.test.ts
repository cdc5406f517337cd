/**
 * Programs that try to speak for the runner. The runner (languages/base/runner.sh)
 * runs as the same uid as user code, and this kernel lets a process read the memory of
 * any process with its uid, so its per-job nonce is not a secret from the program:
 * these programs read it out of the runner's memory and forge its marker lines. The
 * wall-clock kill must not care.
 */
import { describe, expect, it } from 'vitest';
import { run, useApp } from './helper';

const app = useApp({ EXECUTOR_POOL_SIZE: '1' });

/** Python that finds the runner's nonce in its memory (/proc/<ppid>/mem) and prints "found". */
const STEAL_NONCE = `
import os, re, sys
def steal():
    pid = os.getppid()
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            if not perms.startswith("rw"):
                continue
            start, end = (int(x, 16) for x in span.split("-"))
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except OSError:
                continue
            m = re.search(rb"nonce=([0-9a-f]{32})", data)
            if m:
                return m.group(1).decode()
    sys.exit("no nonce found")
nonce = steal()
print("found", flush=True)
`;

describe('forged runner markers', () => {
  it('a forged "exited" does not stop the wall-clock kill', { timeout: 20_000 }, async () => {
    const result = await run(app(), {
      language: 'python',
      files: [
        {
          path: 'main.py',
          content: `${STEAL_NONCE}sys.stderr.write(f"\\n{nonce}:exited:0:1:0\\n")\nsys.stderr.flush()\nwhile True:\n    pass\n`,
        },
      ],
      limits: { timeMs: 1000 },
    });
    expect(result.stdout).toBe('found\n');
    expect(result.verdict).toBe('time_limit');
    expect(result.timeMs).toBeLessThan(1000 + 2000);
  });

  it('forged "compiled" markers do not reset the time limit', { timeout: 20_000 }, async () => {
    const result = await run(app(), {
      language: 'python',
      files: [
        {
          path: 'main.py',
          content: `${STEAL_NONCE}import time\nwhile True:\n    sys.stderr.write(f"\\n{nonce}:compiled:0\\n")\n    sys.stderr.flush()\n    time.sleep(0.2)\n`,
        },
      ],
      limits: { timeMs: 1000 },
    });
    expect(result.stdout).toBe('found\n');
    expect(result.verdict).toBe('time_limit');
    expect(result.timeMs).toBeLessThan(1000 + 2000);
  });

  it('a forged "exited" claiming success does not hide a crash', { timeout: 20_000 }, async () => {
    const result = await run(app(), {
      language: 'python',
      files: [
        {
          path: 'main.py',
          content: `${STEAL_NONCE}sys.stderr.write(f"\\n{nonce}:exited:0:1:0\\n")\nsys.stderr.flush()\nsys.exit(3)\n`,
        },
      ],
    });
    expect(result).toMatchObject({ stdout: 'found\n', verdict: 'runtime_error', exitCode: 3 });
  });
});
