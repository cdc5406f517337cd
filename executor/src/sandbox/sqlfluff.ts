/**
 * `sqlfluff lint --format json` prints one JSON array: per file, its violations with a
 * line, a position and a rule code. "PRS" is a part sqlfluff could not parse (the SQL
 * will not run); the other codes are its core rules, advice. The text comes out of the
 * sandbox, so it is validated like any other input; anything else is ignored.
 *
 * @example
 * parseSqlfluff(['[{"filepath": "main.sql", "violations": [{"line_no": 3, "line_pos": 8, "code": "PRS",
 *   "description": "Found unparsable section"}]}]'], 'sqlfluff', (p) => p);
 * // [{path: 'main.sql', line: 3, column: 8, severity: 'error', message: 'PRS: Found …', source: 'sqlfluff'}]
 */
import { z } from 'zod';
import type { Diagnostic } from '../api';

const reportSchema = z.array(
  z.object({
    filepath: z.string().min(1),
    violations: z.array(
      z.object({
        line_no: z.number().int().positive(),
        line_pos: z.number().int().positive(),
        code: z.string(),
        description: z.string(),
      }),
    ),
  }),
);

/** Codes for SQL that cannot run: a parse failure, a templating failure. */
const ERROR_CODES = new Set(['PRS', 'TMP']);

export function parseSqlfluff(lines: string[], source: string, cleanPath: (p: string) => string): Diagnostic[] {
  return lines.flatMap((line) => {
    if (!line.startsWith('[')) return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return []; // a line of the tool's other output that happens to start with "["
    }
    const report = reportSchema.safeParse(json);
    if (!report.success) return [];
    return report.data.flatMap((file) =>
      file.violations.map((v) => ({
        path: cleanPath(file.filepath),
        line: v.line_no,
        column: v.line_pos,
        severity: ERROR_CODES.has(v.code) ? ('error' as const) : ('warning' as const),
        message: `${v.code}: ${v.description}`,
        source,
      })),
    );
  });
}
