/**
 * What the host writes to a sandbox's stdin: a header line, a tar of the job's files,
 * then the program's stdin (see languages/base/runner.pl). Nothing is copied into the
 * container's filesystem from the host; the read-only root refuses it anyway.
 */
import { pack } from 'tar-stream';
import type { JobRequest } from '../api';

export async function tarFiles(files: JobRequest['files']): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const file of files) {
    archive.entry({ name: file.path, mode: 0o644, type: 'file' }, Buffer.from(file.content, 'utf8'));
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

export interface Header {
  nonce: string;
  entry: string;
  analyze: boolean;
  memoryMb: number;
  /** A test job's cap on each case's output (stdout and stderr together); 0 for a plain run. */
  caseOutputBytes: number;
}

/** A test job's case as the sandbox gets it: its input and its time, never its expected output. */
export interface SandboxCase {
  stdin: string;
  timeMs: number;
}

/** The program's input: a plain run's stdin, or a test job's cases. */
export type ProgramInput = { stdin: string } | { cases: SandboxCase[] };

export async function buildPayload(header: Header, files: JobRequest['files'], input: ProgramInput): Promise<Buffer> {
  const tar = await tarFiles(files);
  const cases = 'cases' in input ? input.cases : [];
  // Paths were validated (api.ts filePath): no spaces, so the line splits cleanly.
  const line = `${header.nonce} ${tar.byteLength} ${header.entry} ${header.analyze ? 1 : 0} ${header.memoryMb} ${cases.length} ${header.caseOutputBytes}\n`;
  if (!('cases' in input)) return Buffer.concat([Buffer.from(line), tar, Buffer.from(input.stdin, 'utf8')]);
  // Each case's input behind a line with its time limit and length; the runner reads one
  // case at a time, as the case starts.
  const parts = cases.flatMap((c) => {
    const stdin = Buffer.from(c.stdin, 'utf8');
    return [Buffer.from(`${c.timeMs} ${stdin.byteLength}\n`), stdin];
  });
  return Buffer.concat([Buffer.from(line), tar, ...parts]);
}
