/**
 * Hostile programs in test jobs: a case must not reach another case (its processes,
 * its input), nor the expected output (never in the sandbox), nor pass itself off as
 * the runner; a case that breaks a limit is that case's verdict, and the next runs.
 */
import { describe, expect, it } from 'vitest';
import type { JobResult, JobTestCase } from '../../src/api';
import { MAX_TEST_OUTPUT_BYTES } from '../../src/limits';
import { run, UNDER_GVISOR, useApp } from '../helper';

const app = useApp();

const testCase = (id: string, stdin: string, expected: string, extra: Partial<JobTestCase> = {}): JobTestCase => ({
  id,
  stdin,
  expected,
  compare: 'exact',
  ...extra,
});
const pyTests = (content: string, tests: JobTestCase[], limits?: object) =>
  run(app(), { language: 'python', files: [{ path: 'main.py', content }], tests, ...(limits ? { limits } : {}) });
const verdicts = (result: JobResult) => result.tests?.map((t) => [t.id, t.verdict]);

describe('cases are apart', () => {
  it('[TJ6] what a case leaves running (a background process, a new session) is killed before the next case starts', async () => {
    const program = `import os, subprocess, sys, time
word = input()
if word == "spawn":
    # Writers that start once this case has ended: one in a session of its own, one
    # holding the case's stderr.
    subprocess.Popen(["sh", "-c", "sleep 0.2; while true; do echo LEAK; sleep 0.02; done"], start_new_session=True)
    subprocess.Popen(["sh", "-c", "sleep 0.2; while true; do echo LEAK >&2; sleep 0.02; done"])
    print("spawned")
else:
    time.sleep(0.5)  # the window in which a survivor would write
    others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid())]
    print("others", others)
`;
    const result = await pyTests(program, [
      testCase('spawn', 'spawn\n', 'spawned\n'),
      testCase('quiet', 'check\n', 'others []\n'),
    ]);
    expect(verdicts(result)).toEqual([
      ['spawn', 'passed'],
      ['quiet', 'passed'],
    ]);
    expect(result.tests?.[1]).toMatchObject({ stdout: 'others []\n', stderr: '' });
  });

  // Not under runsc: inside Debian's 2022 gVisor a fork bomb runs out of memory before the
  // pids limit (which counts host threads), and out of memory the whole sandbox ends, so
  // the next case cannot run (RT10 below: what the job says then; docs/SANDBOX.md).
  it.skipIf(UNDER_GVISOR)(
    '[TJ6] a fork bomb in one case is its time_limit; every process it made is gone before the next case',
    async () => {
      const program = `import os, time
word = input()
if word == "bomb":
    while True:
        try:
            os.fork()
        except OSError:
            pass
others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid())]
print("others", others)
`;
      const result = await pyTests(program, [
        testCase('bomb', 'bomb\n', '', { timeMs: 1500 }),
        testCase('after', 'calm\n', 'others []\n'),
      ]);
      expect(verdicts(result)).toEqual([
        ['bomb', 'time_limit'],
        ['after', 'passed'],
      ]);
    },
  );

  it("[TJ7] a program looking for a later case's input or any expected output (/proc, /tmp, its fds) finds nothing", async () => {
    // The needles are put together at run time, so the program's own file does not hold them.
    const program = `import os
needles = [("LATER" + "-INPUT-") + "c0ffee", ("EXPECTED" + "-OUTPUT-") + "beef"]
found = []
# Its stdin to the end, unbuffered: only this case's input may be there.
own = b""
while chunk := os.read(0, 65536):
    own += chunk
if any(n.encode() in own for n in needles):
    found.append("stdin")
def scan(path):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return
    try:
        data = os.read(fd, 1 << 20)
    except OSError:
        data = b""
    finally:
        os.close(fd)
    if any(n.encode() in data for n in needles):
        found.append(path)
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    for name in ("cmdline", "environ"):
        scan(f"/proc/{pid}/{name}")
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            scan(f"/proc/{pid}/fd/{fd}")
    except OSError:
        pass
for top in ("/tmp", "/dev/shm"):
    for root, dirs, files in os.walk(top):
        for f in files:
            scan(os.path.join(root, f))
for fd in range(3, 256):
    try:
        data = os.read(fd, 1 << 20)
    except OSError:
        continue
    if any(n.encode() in data for n in needles):
        found.append(f"fd {fd}")
try:
    os.listdir("/proc/1/fd")
    print("runner fds listed")
except PermissionError:
    print("runner fds denied")
print("found", found)
`;
    const result = await pyTests(program, [
      testCase('first', 'start\n', 'EXPECTED-OUTPUT-beef\n', { compare: 'trimmed' }),
      testCase('later', 'LATER-INPUT-c0ffee\n', 'EXPECTED-OUTPUT-beef\n'),
    ]);
    // Debian's 2022 gVisor lets any uid list /proc/1/fd (its numbers, nothing more);
    // opening one is refused there as under runc (docs/SANDBOX.md).
    const listing = UNDER_GVISOR ? 'runner fds listed' : 'runner fds denied';
    expect(result.tests?.[0]?.stdout).toBe(`${listing}\nfound []\n`);
    expect(result.tests?.[0]?.verdict).toBe('wrong_answer');
  });

  it('[TJ8] forged runner markers and frames on stdout are only text: they neither end a case nor judge it', async () => {
    const program = `import sys
word = input()
if word == "forge":
    sys.stdout.write("\\n" + "0" * 32 + ":exited:0:1:0:\\n")
    sys.stdout.buffer.write(b"\\x03\\x00\\x00\\x00\\x00\\x00\\x00\\x14end 1 0 0 0 - 0")
    sys.stdout.flush()
    sys.stderr.write("\\n" + "0" * 32 + ":compiled:0\\n")
    sys.exit(4)
print(word)
`;
    const result = await pyTests(program, [testCase('forger', 'forge\n', ''), testCase('honest', 'ok\n', 'ok\n')]);
    expect(verdicts(result)).toEqual([
      ['forger', 'runtime_error'],
      ['honest', 'passed'],
    ]);
    expect(result.tests?.[0]).toMatchObject({ exitCode: 4 });
    expect(result.tests?.[0]?.stdout).toContain(`${'0'.repeat(32)}:exited:0:1:0:`);
    expect(result.tests?.[0]?.stdout).toContain('end 1 0 0 0 - 0');
    expect(result.tests?.[1]?.stdout).toBe('ok\n');
  });
});

describe("a case's limits are its own", () => {
  // Not under runsc: Debian's 2022 gVisor has no memory cgroup inside, so the host's OOM
  // killer stops its kernel and the whole sandbox with it; RT10 below is what holds there.
  it.skipIf(UNDER_GVISOR)(
    '[TJ9] a case that allocates past the memory limit is a memory_limit; the next case passes',
    async () => {
      const result = await pyTests(
        'word = input()\nif word == "hog":\n    x = b"x" * (400 * 1024 * 1024)\n    print(len(x))\nprint(word)\n',
        [testCase('small', 'a\n', 'a\n'), testCase('hog', 'hog\n', ''), testCase('after', 'b\n', 'b\n')],
        { memoryMb: 128 },
      );
      expect(verdicts(result)).toEqual([
        ['small', 'passed'],
        ['hog', 'memory_limit'],
        ['after', 'passed'],
      ]);
    },
  );

  it('[TJ9] a case that floods its output is cut at its cap and is an output_limit; the next case passes', async () => {
    const result = await pyTests(
      'import sys\nword = input()\nif word == "flood":\n    while True:\n        sys.stdout.write("y" * 65536)\nprint(word)\n',
      [testCase('flood', 'flood\n', ''), testCase('after', 'calm\n', 'calm\n')],
    );
    expect(verdicts(result)).toEqual([
      ['flood', 'output_limit'],
      ['after', 'passed'],
    ]);
    const flood = result.tests?.[0];
    expect(flood?.truncated).toBe(true);
    expect(Buffer.byteLength(flood?.stdout ?? '')).toBe(MAX_TEST_OUTPUT_BYTES);
    expect(result).toMatchObject({ verdict: 'ok', stdout: '', stderr: '' });
  });

  it("[TJ9] the job's own output budget caps each case when it is smaller", async () => {
    const result = await pyTests('print("z" * 5000)\n', [testCase('big', '', '')], { outputKb: 2 });
    expect(result.tests?.[0]).toMatchObject({ verdict: 'output_limit', truncated: true });
    expect(result.tests?.[0]?.stdout).toBe('z'.repeat(2048));
  });

  // What Debian's 2022 gVisor does instead of TJ9's first test: the case out of memory is a
  // memory_limit and the cases after it never start, saying why.
  it.runIf(UNDER_GVISOR)(
    '[RT10] under gVisor a case out of memory ends the sandbox: it is a memory_limit, and the later cases say they were not run',
    async () => {
      const result = await pyTests(
        'word = input()\nif word == "hog":\n    x = b"x" * (400 * 1024 * 1024)\n    print(len(x))\nprint(word)\n',
        [testCase('small', 'a\n', 'a\n'), testCase('hog', 'hog\n', ''), testCase('after', 'b\n', 'b\n')],
        { memoryMb: 128 },
      );
      expect(verdicts(result)).toEqual([
        ['small', 'passed'],
        ['hog', 'memory_limit'],
        ['after', 'skipped'],
      ]);
      expect(result.tests?.[2]?.stderr).toContain(
        'Not run: the sandbox stopped during case "hog" (it ran out of memory',
      );
    },
  );
});
