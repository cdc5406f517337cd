/**
 * Two uids (languages/base/runner.pl): the runner drops from root to uid 10002 and runs
 * the program under uid 10001 with no capability, so that no protection rests on
 * dumpability (which Debian's 2022 gVisor does not enforce). And the program, under a uid
 * other than the runner's, still has a stdin, stdout and stderr it can reopen by path.
 */
import { describe, expect, it } from 'vitest';
import type { JobTestCase } from '../../src/api';
import { run, useApp } from '../helper';

const app = useApp();
const python = (content: string, extra: object = {}) =>
  run(app(), { language: 'python', files: [{ path: 'main.py', content }], ...extra });
const testCase = (id: string, stdin: string, expected: string): JobTestCase => ({
  id,
  stdin,
  expected,
  compare: 'exact',
});

const WHO = `import os, signal
status = dict(l.split(":", 1) for l in open("/proc/self/status"))
print("uid", os.getuid(), os.geteuid(), os.getgid(), os.getgroups())
print("caps", *(status[k].strip() for k in ("CapEff", "CapPrm", "CapBnd")))
runner = dict(l.split(":", 1) for l in open("/proc/1/status"))
print("runner uid", runner["Uid"].split()[0])
print("files", os.stat(".").st_uid, os.stat("main.py").st_uid, os.stat("/tmp/build").st_uid)
for name in ("/proc/1/mem", "/proc/1/fd/0"):
    try:
        open(name, "rb").close()
        print(name, "opened")
    except OSError as e:
        print(name, "refused")
try:
    os.kill(1, 0)
    print("runner signalled")
except PermissionError:
    print("runner refused the signal")
`;
const WHO_OUTPUT =
  'uid 10001 10001 10001 [10001]\ncaps 0000000000000000 0000000000000000 0000000000000000\nrunner uid 10002\n' +
  'files 10001 10001 10001\n/proc/1/mem refused\n/proc/1/fd/0 refused\nrunner refused the signal\n';

describe('the program runs under a uid of its own, the runner under another', () => {
  it('[RT7] the program is uid 10001 with no capability at all, owns its files, and cannot reach or signal the runner (uid 10002)', async () => {
    const result = await python(WHO);
    expect(result).toMatchObject({ verdict: 'ok', stdout: WHO_OUTPUT });
  });

  it('[RT7] so is each case of a test job', async () => {
    const result = await python(`input()\n${WHO}`, { tests: [testCase('who', 'x\n', WHO_OUTPUT)] });
    expect(result.tests?.map((t) => [t.verdict, t.stdout])).toEqual([['passed', WHO_OUTPUT]]);
  });
});

describe("the program's stdin, stdout and stderr reopen by path", () => {
  const PY_IDIOMS = `import os, sys
first = os.read(0, 4).decode()
rest = open("/dev/stdin").read()
print("read", first + rest.strip(), file=open("/dev/stdout", "w"))
print("fd0", repr(open("/proc/self/fd/0").read()))
open("/dev/stderr", "w").write("to stderr\\n")
`;
  const PY_OUTPUT = "read 3 4 5\nfd0 ''\n";

  it('[RT8] python: os.read(0), /dev/stdin, /proc/self/fd/0, /dev/stdout and /dev/stderr, in a plain run', async () => {
    const result = await python(PY_IDIOMS, { stdin: '3 4 5\n' });
    expect(result).toMatchObject({ verdict: 'ok', stdout: PY_OUTPUT, stderr: 'to stderr\n' });
  });

  it('[RT8] and in a test case', async () => {
    const result = await python(PY_IDIOMS, { tests: [testCase('idioms', '3 4 5\n', PY_OUTPUT)] });
    expect(result.tests?.map((t) => [t.verdict, t.stderr])).toEqual([['passed', 'to stderr\n']]);
  });

  it("[RT8] javascript: fs.readFileSync('/dev/stdin') and readFileSync(0)", async () => {
    const job = (content: string) => ({
      language: 'javascript',
      files: [{ path: 'main.js', content }],
      stdin: '6 7\n',
    });
    const byPath = await run(app(), job("console.log(require('fs').readFileSync('/dev/stdin', 'utf8').trim());\n"));
    expect(byPath).toMatchObject({ verdict: 'ok', stdout: '6 7\n' });
    const byFd = await run(app(), job("console.log(require('fs').readFileSync(0, 'utf8').trim());\n"));
    expect(byFd).toMatchObject({ verdict: 'ok', stdout: '6 7\n' });
  });

  it('[RT8] bash: cat /dev/stdin, and a redirection to /dev/stderr', async () => {
    const result = await run(app(), {
      language: 'bash',
      files: [{ path: 'main.sh', content: 'cat /dev/stdin\necho oops > /dev/stderr\n' }],
      stdin: 'line\n',
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'line\n', stderr: 'oops\n' });
  });
});
