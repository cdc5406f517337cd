/**
 * A job's static analysis, in a sandbox of its own once the run has its verdict.
 *
 * The analyzers are slow next to a fast compile (tsc's type check, javac -Xlint, go vet:
 * hundreds of milliseconds to seconds), and nothing in the verdict waits on them: run
 * first, in line, they delayed every run's output by their whole time. Here the run's
 * sandbox only compiles and runs, `finished` goes out, and then a fresh sandbox (never
 * the run's: containers are single-use) analyzes the same files and the `analysis` event
 * follows, the order the room already expects (worker/src/runs/machine.ts).
 *
 * @example
 * const diagnostics = await analyzeJob(sandbox, 'typescript', { files, entry, limits });
 */
import type { Diagnostic } from '../api';
import type { LanguageId } from '../languages';
import type { SandboxService } from '../plugins/sandbox';
import { parseDiagnostics } from '../sandbox/analysis';
import type { RunInput } from '../sandbox/run';

export async function analyzeJob(
  sandbox: SandboxService,
  language: LanguageId,
  job: Pick<RunInput, 'files' | 'entry' | 'limits'>,
): Promise<Diagnostic[]> {
  // The runner's analysis job (runner.pl, `analyze` 1) runs the analyzer and nothing
  // else; what the analyzer prints is never anyone's output, only diagnostics.
  const outcome = await sandbox.run(language, { ...job, stdin: '', analyze: true }, { output: () => undefined });
  return parseDiagnostics(language, outcome.analysisOutput);
}
