/**
 * What a language's folder says about it (executor/languages/<id>/language.json). The
 * folder is the one place a language is described: the executor, the image builder and
 * the web app all read this file, so a new language is one new folder.
 */
import { z } from 'zod';
import { pathProblem } from './paths';

/**
 * How an analyzer prints its findings, so one parser per format serves every tool that
 * speaks it (analysis.ts): `gnu` is `path:line[:col]: [severity:] message` (gcc, g++,
 * go vet, pyflakes, rustc --error-format short, javac), `tsc` is `path(line,col): error
 * TSnnnn: message`, `node-check` is node's syntax-error report.
 */
export const ANALYZER_OUTPUTS = [
  'gnu', // gcc, g++, go vet, pyflakes, rustc --error-format short, javac
  'tsc', // tsc
  'node-check', // node --check
  'php-lint', // php -l
  'sqlfluff-json', // sqlfluff lint --format json
] as const;

const extension = z.string().regex(/^[a-z0-9]+$/, 'must be a file extension without the dot, e.g. "py"');

export const languageSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9]*$/, 'must be lowercase letters and digits, the folder name'),
    name: z.string().min(1, 'must name the language for people, e.g. "Python"'),
    version: z.string().min(1, 'must say which toolchain the image has, e.g. "Python 3.11"'),
    extensions: z.array(extension).min(1, 'must list at least one extension; the first is the usual one'),
    entry: z.string().refine((p) => pathProblem(p) === null, 'must be a plain relative file name, e.g. "main.py"'),
    starter: z.string().min(1, "must hold the program a new room's entry file starts with"),
    analyzer: z
      .object({
        tool: z.string().min(1, 'must name the tool lang.sh runs for `analyze`, e.g. "pyflakes"'),
        output: z.enum(ANALYZER_OUTPUTS, { error: `must be one of ${ANALYZER_OUTPUTS.join(', ')}` }),
      })
      .strict(),
    image: z
      .string()
      .regex(/^codesync-[a-z0-9-]+$/, 'must be the image name, "codesync-<id>"; the tag is a hash of the folder'),
    libraries: z.array(z.string().min(1)),
  })
  .strict()
  .superRefine((language, ctx) => {
    const ext = language.entry.split('.').pop() ?? '';
    if (!language.extensions.includes(ext)) {
      ctx.addIssue({
        code: 'custom',
        path: ['entry'],
        message: `must end in one of .${language.extensions.join(', .')}`,
      });
    }
  });

export type LanguageFile = z.infer<typeof languageSchema>;
