import { describe, expect, it } from 'vitest';
import { run, useApp } from './helper';

const app = useApp();

describe('smoke', () => {
  it('runs python with stdin', async () => {
    const result = await run(app(), {
      language: 'python',
      files: [{ path: 'main.py', content: 'import sys\nprint("hi", sys.stdin.read())' }],
      stdin: 'there',
    });
    expect(result).toMatchObject({ verdict: 'ok', stdout: 'hi there\n', exitCode: 0 });
  });
});
