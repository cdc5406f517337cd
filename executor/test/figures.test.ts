/**
 * Compile and run are reported apart, each with its own time and memory (issue 9
 * item 14): the run's memory is the program's own, never the compiler's.
 */
import { describe, expect, it } from 'vitest';
import { run, useApp } from './helper';

const app = useApp({ EXECUTOR_POOL_SIZE: '0' });

describe('compile and run figures', () => {
  it("[FIG1] a compiled hello world: the compiler's memory and time are its own, the run's are small", async () => {
    const result = await run(app(), {
      language: 'c',
      files: [{ path: 'main.c', content: '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n' }],
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'hi\n' });
    expect(result.compileTimeMs).toBeGreaterThan(0);
    expect(result.compileMemoryKb).toBeGreaterThan(0);
    expect(result.memoryKb).toBeGreaterThan(0);
    // gcc peaks at tens of MB; the program at about one.
    expect(result.memoryKb).toBeLessThan(8 * 1024);
    expect(result.memoryKb as number).toBeLessThan(result.compileMemoryKb as number);
  });

  it("[FIG2] the run's memory is what the program used", async () => {
    const result = await run(app(), {
      language: 'python',
      files: [{ path: 'main.py', content: 'x = bytearray(96 * 1024 * 1024)\nprint(len(x))\n' }],
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: `${96 * 1024 * 1024}\n` });
    expect(result.memoryKb).toBeGreaterThanOrEqual(96 * 1024);
    expect(result.memoryKb).toBeLessThan(200 * 1024);
  });
});
