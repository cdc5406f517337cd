/**
 * Review of the runner's relay (runner.pl): the program's stdout and stderr are pipes
 * the runner reads and frames onto its own stdout. Attacks: a background process
 * holding the pipes, a child flooding after the program exits, a frame forged through
 * /proc/1/fd, UTF-8 split at a read boundary, output past the pipe buffer.
 */
import { describe, expect, it } from 'vitest';
import { run, useApp } from '../helper';

const app = useApp();

const py = (content: string) => ({ language: 'python', files: [{ path: 'main.py', content }] });

describe('runner relay (review)', () => {
  it('[EXEC4] a background process holding the pipes does not keep the run alive, and the last line arrives', async () => {
    const result = await run(
      app(),
      py('import subprocess\nsubprocess.Popen(["sleep", "60"])\nprint("last line", flush=True)\n'),
    );
    expect(result.verdict).not.toBe('timeout');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('last line\n');
    expect(result.timeMs ?? Number.POSITIVE_INFINITY).toBeLessThan(3_000);
  }, 60_000);

  it('[EXEC4] a child flooding the pipe after the program exits does not stall the runner nor hide the last line', async () => {
    const result = await run(
      app(),
      py(
        'import os, sys\nif os.fork() == 0:\n    while True:\n        os.write(1, b"x" * 4096)\nsys.stdout.write("parent done\\n")\nsys.stdout.flush()\nos._exit(0)\n',
      ),
    );
    expect(result.verdict).not.toBe('timeout');
    expect(result.stdout).toContain('parent done\n');
  }, 60_000);

  it('[EXEC3] the program cannot reach the runner through /proc/1/fd, nor forge frames of its own', async () => {
    const result = await run(
      app(),
      py(
        [
          'import sys, struct',
          'for fd in (1, 2):',
          '    try:',
          '        with open(f"/proc/1/fd/{fd}", "wb") as f: f.write(struct.pack(">BxxxI", 2, 5) + b"FORGE")',
          '        print("opened", fd)',
          '    except OSError as e:',
          '        print("refused", fd)',
          'sys.stdout.buffer.write(struct.pack(">BxxxI", 2, 6) + b"FORGED")',
          'sys.stdout.flush()',
        ].join('\n'),
      ),
    );
    expect(result.stdout).toContain('refused 1\nrefused 2\n');
    expect(result.stdout).toContain('FORGED');
    expect(result.stderr).not.toContain('FORGE');
  }, 60_000);

  it('[EXEC3] the program holds only stdin, its two pipes and nothing else of the runner', async () => {
    const result = await run(
      app(),
      py(
        'import os\nfor fd in sorted(os.listdir("/proc/self/fd")):\n    print(fd, os.readlink(f"/proc/self/fd/{fd}").split("[")[0])\n',
      ),
    );
    const fds = result.stdout.trim().split('\n');
    // 0 stdin, 1 and 2 the relay's pipes, and the one listdir itself holds open.
    expect(fds.filter((line) => !line.startsWith('0 ')).map((line) => line.split(' ')[1])).toEqual(
      expect.arrayContaining(['pipe:', 'pipe:']),
    );
    expect(fds.length).toBeLessThanOrEqual(4);
  }, 60_000);

  it('[EXEC14] UTF-8 split across reads and output past the 64 KiB pipe buffer arrive whole', async () => {
    const result = await run(
      app(),
      py('import sys\nsys.stdout.buffer.write(b"a" * 65535 + "€".encode() * 40000 + b"\\nend\\n")\n'),
    );
    expect(result.truncated).toBe(false);
    expect(result.stdout).toBe(`${'a'.repeat(65535)}${'€'.repeat(40000)}\nend\n`);
  }, 60_000);

  it('[EXEC14] output ending in an incomplete UTF-8 sequence is not silently dropped', async () => {
    const result = await run(app(), py('import sys\nsys.stdout.buffer.write(b"ok \\xe2\\x82")\n'));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('ok \uFFFD');
  }, 60_000);
});
