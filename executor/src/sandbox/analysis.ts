/**
 * Turns each analyzer's text (run inside the sandbox, see languages/<id>/lang.sh)
 * into diagnostics: path, line, column, severity, message, source. Which tool a
 * language runs and which format it prints are in its language.json; the parsers here
 * know formats, not languages.
 */
import type { Diagnostic } from '../api';
import { LANGUAGES, type LanguageId, languageForPath } from '../languages';
import { parsePhpLint } from './phpLint';
import { parseSqlfluff } from './sqlfluff';

const cleanPath = (p: string) => p.replace(/^\/tmp\/box\//, '').replace(/^\.\//, '');

/**
 * A finding without a severity word (pyflakes, go vet) is a warning, unless its
 * message reads like a syntax error: those stop the program from running at all.
 */
function severityOf(word: string | undefined, message: string): Diagnostic['severity'] {
  if (!word) return /syntax|invalid|expected/i.test(message) ? 'error' : 'warning';
  if (word.includes('error')) return 'error';
  if (word === 'warning') return 'warning';
  return 'info';
}

/** `path:line[:col]: [severity:] message`; go vet prefixes its lines with "vet: ". */
const GNU_LINE = /^(?:vet: )?([^\s:][^:]*):(\d+):(?:(\d+):)?\s*(?:(fatal error|error|warning|note):\s*)?(.+)$/;
/** `path(line,col): error TSxxxx: message`. */
const TSC_LINE = /^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+: .+)$/;

function parseGnu(lines: string[], source: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of lines) {
    const m = GNU_LINE.exec(line);
    // Tools also print context lines that look like "a:1: b"; only a source file of
    // some language is a finding's path.
    if (!m || languageForPath(m[1] as string) === null) continue;
    const message = (m[5] as string).trim();
    diagnostics.push({
      path: cleanPath(m[1] as string),
      line: Number(m[2]),
      column: m[3] ? Number(m[3]) : 1,
      severity: severityOf(m[4], message),
      message,
      source,
    });
  }
  return diagnostics;
}

function parseTsc(lines: string[], source: string): Diagnostic[] {
  return lines.flatMap((line) => {
    const m = TSC_LINE.exec(line);
    if (!m) return [];
    return [
      {
        path: cleanPath(m[1] as string),
        line: Number(m[2]),
        column: Number(m[3]),
        severity: severityOf(m[4], m[5] as string),
        message: m[5] as string,
        source,
      },
    ];
  });
}

/** node --check: "file:line", the code, a caret line, a blank, "SyntaxError: …". */
function parseNodeCheck(lines: string[], source: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const at = /^(.+):(\d+)$/.exec(lines[i] ?? '');
    if (!at || languageForPath(at[1] as string) === null) continue;
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

export function parseDiagnostics(language: LanguageId, output: string): Diagnostic[] {
  const { tool, output: format } = LANGUAGES[language].analyzer;
  const lines = output.split('\n');
  switch (format) {
    case 'gnu':
      return parseGnu(lines, tool);
    case 'tsc':
      return parseTsc(lines, tool);
    case 'node-check':
      return parseNodeCheck(lines, tool);
    case 'php-lint':
      return parsePhpLint(lines, tool, cleanPath);
    case 'sqlfluff-json':
      return parseSqlfluff(lines, tool, cleanPath);
    default: {
      const unknown: never = format;
      throw new Error(`no parser for analyzer output "${unknown}"`);
    }
  }
}
