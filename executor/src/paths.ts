/**
 * The one rule for file paths in a job (and in a room): relative, plain segments, no
 * hidden names and no names a tool would take for an option, not too deep. No
 * dependencies, so the web app checks names the same way.
 */
import { MAX_PATH_CHARS, MAX_PATH_DEPTH } from './limits';

/** What is wrong with `path`, or null when it is fine. */
export function pathProblem(path: string): string | null {
  if (path.length === 0 || path.length > MAX_PATH_CHARS) return `must be 1–${MAX_PATH_CHARS} characters`;
  if (path.startsWith('/')) return 'must be relative, not absolute';
  if (path.split('/').some((s) => s === '..' || s === '.' || s === '')) {
    return 'must not contain "..", "." or empty segments';
  }
  if (!/^[A-Za-z0-9._/-]+$/.test(path)) return 'may only use letters, digits, ".", "_", "-" and "/"';
  // Names reach compilers and shells in the sandbox: a leading "-" reads as an option.
  if (path.split('/').some((s) => s.startsWith('-'))) return 'must not have a name starting with "-"';
  // Hidden files are configuration to many tools (.babelrc, .npmrc …), not code to run.
  if (path.split('/').some((s) => s.startsWith('.'))) return 'must not have a name starting with "." (hidden)';
  if (path.split('/').length > MAX_PATH_DEPTH) return `must be at most ${MAX_PATH_DEPTH} folders deep`;
  return null;
}
