/**
 * Hostile programs against the real engine. Each is contained with the right verdict
 * and leaves no container or process behind. Every exploit ever tried stays here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWNER_LABEL } from '../src/sandbox/container';
import { run, UNDER_GVISOR, useApp } from './helper';

const app = useApp({ EXECUTOR_POOL_SIZE: '1' });
const py = (content: string, extra: object = {}) =>
  run(app(), { language: 'python', files: [{ path: 'main.py', content }], ...extra });

/** Containers of this app that are not waiting in the pool: there must be none. */
async function leftovers(): Promise<number> {
  const owned = await app().docker.listContainers({
    all: true,
    filters: { label: [`${OWNER_LABEL}=${app().config.owner}`] },
  });
  const ready = Object.values(app().sandbox.stats().ready).reduce((a, b) => a + b, 0);
  return owned.length - ready;
}

async function expectNothingLeft() {
  const deadline = Date.now() + 10_000;
  while ((await leftovers()) > 0) {
    if (Date.now() > deadline) throw new Error(`containers left behind: ${await leftovers()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('limits and verdicts', () => {
  it('[EXEC5] a fork bomb hits the pids limit and ends at the time limit', async () => {
    const result = await py(
      'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n',
      { limits: { timeMs: 1500 } },
    );
    // Under runsc gVisor's own memory runs out before the pids limit (UNDER_GVISOR, helper.ts):
    // the sandbox dies under the runner, which reports nothing. Docker's exit status is
    // then 137 (memory_limit) on a quiet host, but CI's loaded one saw another status
    // (runtime_error): Debian's 2022 runsc (google/gvisor#2535). What holds under both is
    // what this test is for: the bomb is contained, nothing is left, the next run is fine.
    expect(UNDER_GVISOR ? ['time_limit', 'memory_limit', 'runtime_error'] : ['time_limit']).toContain(result.verdict);
    await expectNothingLeft();
    expect((await py('print(1)\n')).stdout).toBe('1\n');
  });

  it('[EXEC5] a 2 GB allocation is a memory_limit', async () => {
    const result = await py('x = b"x" * (2 * 1024 ** 3)\nprint(len(x))\n', { limits: { memoryMb: 128 } });
    expect(result.verdict).toBe('memory_limit');
    expect(result.stdout).toBe('');
    await expectNothingLeft();
  });

  it('[EXEC5] an infinite loop is a time_limit, killed near the limit', async () => {
    const result = await py('while True:\n    pass\n', { limits: { timeMs: 1000 } });
    expect(result.verdict).toBe('time_limit');
    expect(result.timeMs).toBeGreaterThanOrEqual(1000);
    await expectNothingLeft();
  });

  it('[EXEC5] 100 MB of stdout is cut at the output cap, and the executor memory stays bounded', async () => {
    const before = process.memoryUsage().rss;
    const result = await py('import sys\nchunk = "x" * 65536\nfor _ in range(1600):\n    sys.stdout.write(chunk)\n', {
      limits: { outputKb: 512, timeMs: 10000 },
    });
    const grown = process.memoryUsage().rss - before;
    expect(result.verdict).toBe('output_limit');
    expect(result.truncated).toBe(true);
    expect(result.stdout.length).toBe(512 * 1024);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    await expectNothingLeft();
  });

  it('[EXEC2] writing 1 GB to /tmp fills its small tmpfs and fails', async () => {
    const result = await py(
      'block = b"x" * (1024 * 1024)\nwith open("/tmp/big", "wb") as f:\n    for _ in range(1024):\n        f.write(block)\n',
      { limits: { timeMs: 10000 } },
    );
    expect(result.verdict).toBe('runtime_error');
    expect(result.stderr).toContain('No space left on device');
    await expectNothingLeft();
  });

  it('[EXEC5] a non-zero exit is a runtime_error with the exit code', async () => {
    const result = await py('import sys\nprint("before")\nsys.exit(3)\n');
    expect(result).toMatchObject({ verdict: 'runtime_error', exitCode: 3, signal: null, stdout: 'before\n' });
  });

  it('[EXEC5] a signal is a runtime_error with the signal name', async () => {
    const result = await py('import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n');
    expect(result).toMatchObject({ verdict: 'runtime_error', exitCode: null, signal: 'SIGSEGV' });
  });
});

describe('isolation', () => {
  // Proved from inside, by what exists there, without sending a packet anywhere but
  // loopback: the only interface is lo, and a server on the host's 127.0.0.1 (which the
  // host itself can reach) is out of reach, so the sandbox's loopback is its own.
  it('[EXEC1] has no network: only lo, and the host loopback is out of reach', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections += 1;
      socket.end('host service\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // The control: the host reaches the service and reads its greeting to the end.
      const greeting = await new Promise<string>((resolve, reject) => {
        let text = '';
        connect(port, '127.0.0.1')
          .setEncoding('utf8')
          .on('data', (chunk: string) => {
            text += chunk;
          })
          .on('end', () => resolve(text))
          .on('error', reject);
      });
      expect(greeting).toBe('host service\n');
      const result = await py(
        'import os, socket\nprint(sorted(os.listdir("/sys/class/net")))\n' +
          `s = socket.socket()\ns.settimeout(3)\ntry:\n    s.connect(("127.0.0.1", ${port}))\n    print("reached", s.recv(64))\n` +
          'except OSError as e:\n    print("unreachable:", e.strerror)\n',
      );
      expect(result.stdout).toBe("['lo']\nunreachable: Connection refused\n");
      expect(connections).toBe(1); // the host's own control connection, and no other
    } finally {
      server.close();
    }
  });

  it('[EXEC3] cannot read /etc/shadow, runs as an unprivileged user with no capabilities', async () => {
    const shadow = await py('print(open("/etc/shadow").read())');
    expect(shadow.verdict).toBe('runtime_error');
    expect(shadow.stderr).toContain('Permission denied');
    const who = await py(
      'import os\nprint(os.getuid(), os.getgid())\nprint([l for l in open("/proc/self/status") if l.startswith("CapEff")][0].split()[1])\n',
    );
    expect(who.stdout).toBe('10001 10001\n0000000000000000\n');
  });

  it('[EXEC2] cannot write outside /tmp: the root filesystem is read-only', async () => {
    const result = await py('open("/opt/codesync/runner.pl", "w").write("pwned")\n');
    expect(result.verdict).toBe('runtime_error');
    expect(result.stderr).toMatch(/Read-only file system|Permission denied/);
  });

  it('[EXEC3] sees no host variable or secret in its environment', async () => {
    process.env.CODESYNC_TEST_CANARY = 'canary-7f3a';
    const result = await py('import os\nprint(sorted(os.environ.items()))\n');
    expect(result.stdout).not.toContain('canary-7f3a');
    expect(result.stdout).not.toContain(app().config.secret);
    expect(result.stdout).not.toContain('EXECUTOR');
  });

  it('[EXEC2] symlinks aimed at host paths lead nowhere on the host', async () => {
    const hostDir = mkdtempSync(path.join(tmpdir(), 'codesync-host-'));
    const hostFile = path.join(hostDir, 'secret.txt');
    writeFileSync(hostFile, 'host data');
    const result = await py(
      `import os\nos.symlink(${JSON.stringify(hostFile)}, "/tmp/box/link")\n` +
        'try:\n    print(open("/tmp/box/link").read())\nexcept OSError as e:\n    print("no:", e.strerror)\n' +
        'try:\n    open("/tmp/box/link", "w").write("overwritten")\nexcept OSError as e:\n    print("no:", e.strerror)\n',
    );
    expect(result.stdout).not.toContain('host data');
    expect(readFileSync(hostFile, 'utf8')).toBe('host data');
    const docker = await py('import os\nprint(os.path.exists("/var/run/docker.sock"))\n');
    expect(docker.stdout).toBe('False\n');
  });

  it('[EXEC4] a background process left running dies with its container', async () => {
    const marker = `codesync-bg-${Date.now()}`;
    const result = await py(
      `import subprocess\nsubprocess.Popen(["sh", "-c", "exec -a ${marker} sleep 600"], start_new_session=True)\nprint("left")\n`,
    );
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'left\n' });
    await expectNothingLeft();
    const ps = execFileSync('ps', ['-eo', 'args']).toString();
    expect(ps).not.toContain(marker);
  });

  it('[EXEC4] each run gets a fresh container: files from one job are gone in the next', async () => {
    await py('open("/tmp/left-behind", "w").write("x")\n');
    const result = await py('import os\nprint(os.path.exists("/tmp/left-behind"))\n');
    expect(result.stdout).toBe('False\n');
  });

  // Regression: Docker copies stdout and stderr independently, so a program's first
  // stdout could arrive before the runner's "compiled" marker and be filed as compile
  // output, leaving stdout empty (seen about once in ten runs). Many short runs make
  // that race likely to show if it came back: it needs a loaded machine, so they run
  // all at once.
  it('stdout is never lost to the compile phase, over many short runs', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => py(`print(${i})\n`)));
    expect(results.map((r) => r.stdout)).toEqual(results.map((_, i) => `${i}\n`));
    expect(results.every((r) => r.compileOutput === '')).toBe(true);
  });

  it('[EXEC6] a program cannot forge the runner markers it cannot see', async () => {
    const result = await py(
      'import sys\nsys.stderr.write("\\nabc:exited:0::0\\n")\nsys.stderr.write("\\n:compiled:1\\n")\nprint("out")\n',
    );
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'out\n' });
    expect(result.stderr).toContain('abc:exited:0::0');
  });
});
