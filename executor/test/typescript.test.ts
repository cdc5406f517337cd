/**
 * TypeScript sees Node's types (issue 9 item 13): a program that reads stdin through
 * `fs`, `require` or `process.stdin` compiles and runs.
 */
import { describe, expect, it } from 'vitest';
import { run, useApp } from './helper';

const app = useApp({ EXECUTOR_POOL_SIZE: '0' });

const ts = (content: string, stdin: string) => ({
  language: 'typescript',
  files: [{ path: 'main.ts', content }],
  stdin,
});

describe('typescript and stdin', () => {
  it('[TS1] reads stdin with fs.readFileSync (import and require)', async () => {
    const viaImport = await run(
      app(),
      ts(
        "import * as fs from 'fs';\nconst [a, b] = fs.readFileSync(0, 'utf8').trim().split(' ').map(Number);\nconsole.log(a + b);\n",
        '3 4\n',
      ),
    );
    expect(viaImport).toMatchObject({ verdict: 'ok', stdout: '7\n' });
    const viaRequire = await run(
      app(),
      ts(
        "const fs = require('fs');\nconst text: string = fs.readFileSync('/dev/stdin', 'utf8');\nconsole.log(text.length);\n",
        'abc',
      ),
    );
    expect(viaRequire).toMatchObject({ verdict: 'ok', stdout: '3\n' });
  });

  it('[TS2] reads stdin line by line from process.stdin', async () => {
    const result = await run(
      app(),
      ts(
        "let data = '';\nprocess.stdin.on('data', (chunk: Buffer) => { data += chunk.toString(); });\nprocess.stdin.on('end', () => console.log(data.split('\\n').filter(Boolean).length));\n",
        'a\nb\nc\n',
      ),
    );
    expect(result).toMatchObject({ verdict: 'ok', stdout: '3\n' });
  });
});
