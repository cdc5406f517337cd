/**
 * `php -l` (lint: PHP's parser, never the program) prints each finding as
 * "<Severity>: <message> in <path> on line <n>", after a blank line, then
 * "Errors parsing <path>". PHP reports no column, and stops at a file's first error.
 *
 * @example
 * parsePhpLint(['Parse error: syntax error, unexpected end of file in ./main.php on line 3'], 'php -l');
 * // [{path: 'main.php', line: 3, column: 1, severity: 'error', message: 'syntax error, …', source: 'php -l'}]
 */
import type { Diagnostic } from '../api';

const PHP_LINE = /^(?:PHP )?(Parse error|Fatal error|Warning|Deprecated|Notice): +(.+) in (.+) on line (\d+)$/;

const SEVERITY: Record<string, Diagnostic['severity']> = {
  'Parse error': 'error',
  'Fatal error': 'error',
  Warning: 'warning',
  Deprecated: 'info',
  Notice: 'info',
};

export function parsePhpLint(lines: string[], source: string, cleanPath: (p: string) => string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of lines) {
    const m = PHP_LINE.exec(line);
    if (!m) continue;
    diagnostics.push({
      path: cleanPath(m[3] as string),
      line: Number(m[4]),
      column: 1,
      severity: SEVERITY[m[1] as string] ?? 'error',
      message: m[2] as string,
      source,
    });
  }
  return diagnostics;
}
