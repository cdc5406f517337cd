/**
 * Every language under gVisor (project executor-runsc only; languages.test.ts is the
 * same under runc): per language one test, its smoke program with stdin, then its
 * compile error where it compiles. Two at a time (the project's maxConcurrency), sandboxes
 * started per job: the cost of gVisor is paid here as in production.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_IDS } from '../../src/languages';
import { run, useApp } from '../helper';
import { filesIn, smokeDir } from '../smokeFiles';

const app = useApp({ EXECUTOR_POOL_SIZE: '0', EXECUTOR_CONCURRENCY: '2' });

describe.concurrent.each(LANGUAGE_IDS)('%s under gVisor', (id) => {
  it('[RT9] runs the smoke program with stdin, and reports its compile error', async () => {
    expect(app().sandbox.runtime).toBe('runsc');
    const smoke = await run(app(), { language: id, files: filesIn(smokeDir(id)), stdin: '3 4\n' });
    expect(smoke, JSON.stringify(smoke)).toMatchObject({
      verdict: 'ok',
      exitCode: 0,
      compileOutput: '',
      stdout: 'Hello, CodeSync!\nsum=7\n',
    });
    if (!existsSync(smokeDir(id, 'compile-error'))) return; // python, javascript …: no compile step
    const broken = await run(app(), { language: id, files: filesIn(smokeDir(id, 'compile-error')) });
    expect(broken.verdict).toBe('compile_error');
    expect(broken.compileOutput.length).toBeGreaterThan(10);
  });
});
