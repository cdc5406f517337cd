import type { FileContent } from '@codesync/worker/doc';
import { downloadText } from '../report/download';

/** One text file of every file as this page had it, each under its name. */
export function unkeptText(files: readonly FileContent[]): string {
  return files.map((f) => `===== ${f.path} =====\n${f.content}${f.content.endsWith('\n') ? '' : '\n'}`).join('\n');
}

/**
 * What the room did not keep, still on offer: when it refuses a change this page had
 * already applied, the page takes the room's files again, and this banner keeps the
 * person's own copy (the refused change and what they typed after it) downloadable
 * until they dismiss it. Nothing typed is ever silently gone.
 */
export function UnkeptBanner({
  unkept,
  onDismiss,
}: {
  unkept: { files: readonly FileContent[] };
  onDismiss: () => void;
}) {
  const download = () => {
    const at = new Date().toISOString().replace(/[:.]/g, '-');
    downloadText(`codesync-your-copy-${at}.txt`, unkeptText(unkept.files), 'text/plain;charset=utf-8');
  };
  return (
    <p className="banner unkept" role="status">
      The room did not keep your last change, and this page took the room's files again. Your copy from just before,
      with what the room refused, is still here:{' '}
      <button type="button" onClick={download}>
        Download your copy
      </button>{' '}
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}
