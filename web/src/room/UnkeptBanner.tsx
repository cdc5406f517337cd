import { downloadText } from '../report/download';
import type { UnkeptCopy } from './roomState';

/** One text file of every copy (oldest first), each file under its name. */
export function unkeptText(copies: readonly UnkeptCopy[]): string {
  return copies
    .map((copy) => {
      const files = copy.files.map((f) => `===== ${f.path} =====\n${f.content}${f.content.endsWith('\n') ? '' : '\n'}`);
      return `##### your copy at ${new Date(copy.at).toISOString()} #####\n${files.join('\n')}`;
    })
    .join('\n');
}

/**
 * What the room did not keep, still on offer: when it refuses a change this page had
 * already applied, the page takes the room's files again, and this banner keeps the
 * person's own copy (the refused change and what they typed after it) downloadable
 * until they dismiss it. Nothing typed is ever silently gone.
 */
export function UnkeptBanner({ unkept, onDismiss }: { unkept: readonly UnkeptCopy[]; onDismiss: () => void }) {
  const download = () => {
    const at = new Date().toISOString().replace(/[:.]/g, '-');
    downloadText(`codesync-your-copy-${at}.txt`, unkeptText(unkept), 'text/plain;charset=utf-8');
  };
  return (
    <p className="banner unkept" role="status">
      The room did not keep your last change, and this page took the room's files again. Your copy from just before,
      with what the room refused, is still here{unkept.length > 1 ? ` (${unkept.length} copies)` : ''}:{' '}
      <button type="button" onClick={download}>
        Download your copy
      </button>{' '}
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}
