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
}

export async function buildPayload(header: Header, files: JobRequest['files'], stdin: string): Promise<Buffer> {
  const tar = await tarFiles(files);
  // Paths were validated (api.ts filePath): no spaces, so the line splits cleanly.
  const line = `${header.nonce} ${tar.byteLength} ${header.entry} ${header.analyze ? 1 : 0} ${header.memoryMb}\n`;
  return Buffer.concat([Buffer.from(line), tar, Buffer.from(stdin, 'utf8')]);
}
