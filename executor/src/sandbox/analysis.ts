/**
 * Turns each analyzer's text (run inside the sandbox, see languages/<id>/lang.sh)
 * into diagnostics: path, line, column, severity, message, source.
 */
import type { Diagnostic } from '../api';
import type { LanguageId } from '../languages';

const SOURCES: Record<LanguageId, string> = {
  python: 'pyflakes',
  javascript: 'node --check',
  typescript: 'tsc',
  c: 'gcc',
  cpp: 'g++',
  java: 'javac -Xlint',
  go: 'go vet',
  rust: 'rustc',
};

const cleanPath = (p: string) => p.replace(/^\/tmp\/box\//, '').replace(/^\.\//, '');

function severityOf(word: string | undefined, fallback: Diagnostic['severity']): Diagnostic['severity'] {
  if (!word) return fallback;
  if (word.includes('error')) return 'error';
  if (word === 'warning') return 'warning';
  return 'info';
}

/** `path:line[:col]: [severity:] message` — gcc, g++, go vet, pyflakes, rustc (short), javac. */
const COLON_FORMAT = /^(?:vet: )?([^\s:][^:]*):(\d+):(?:(\d+):)?\s*(?:(fatal error|error|warning|note):\s*)?(.+)$/;
/** `path(line,col): error TSxxxx: message` — tsc. */
const TSC_FORMAT = /^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+: .+)$/;

export function parseDiagnostics(language: LanguageId, output: string): Diagnostic[] {
  const source = SOURCES[language];
  const lines = output.split('\n');
  const diagnostics: Diagnostic[] = [];
  if (language === 'javascript') {
    // node --check: "file:line", the code, a caret line, a blank, "SyntaxError: …".
    for (let i = 0; i < lines.length; i++) {
      const at = /^(.+\.[cm]?js):(\d+)$/.exec(lines[i] ?? '');
      if (!at) continue;
      const caret = lines.slice(i + 1, i + 4).find((l) => /^\s*\^+\s*$/.test(l));
      const message = lines.slice(i + 1).find((l) => /^\w*Error: /.test(l)) ?? 'syntax error';
      diagnostics.push({
        path: cleanPath(at[1] as string),
        line: Number(at[2]),
        column: caret ? caret.indexOf('^') + 1 : 1,
        severity: 'error',
        message,
        source,
      });
    }
    return diagnostics;
  }
  for (const line of lines) {
    const tsc = TSC_FORMAT.exec(line);
    if (tsc) {
      diagnostics.push({
        path: cleanPath(tsc[1] as string),
        line: Number(tsc[2]),
        column: Number(tsc[3]),
        severity: severityOf(tsc[4], 'error'),
        message: tsc[5] as string,
        source,
      });
      continue;
    }
    const m = COLON_FORMAT.exec(line);
    if (!m || !/\.(py|c|h|cc|cpp|hpp|go|rs|java|ts)$/.test(m[1] as string)) continue;
    // pyflakes has no severity word: syntax errors are errors, the rest warnings.
    const fallback = language === 'python' && /syntax|invalid|expected/i.test(m[5] as string) ? 'error' : 'warning';
    diagnostics.push({
      path: cleanPath(m[1] as string),
      line: Number(m[2]),
      column: m[3] ? Number(m[3]) : 1,
      severity: severityOf(m[4], language === 'go' ? 'warning' : fallback),
      message: (m[5] as string).trim(),
      source,
    });
  }
  return diagnostics;
}
