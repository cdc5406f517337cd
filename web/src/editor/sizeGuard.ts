/**
 * Keeps the editor within the room's size limits (the server's numbers, docSize.ts):
 * a change that would grow a file or the room past a limit is refused BEFORE it is
 * applied, so it never reaches the shared document, never becomes an update the room
 * refuses (or a frame it closes the socket over), and later edits carry on. The person
 * is told why in words. Deleting is never refused. Past 80 % of a limit a meter shows
 * how full the room is.
 *
 * @example
 * extensions: [sizeGuard(connection, fileId), sizeMeter(connection), yCollab(…)]
 */
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, type Panel, showPanel } from '@codemirror/view';
import { type FileId, fileById } from '@codesync/worker/doc';
import {
  type DocSize,
  formatBytes,
  MAX_FRAME_BYTES,
  MAX_TOTAL_FILE_BYTES,
  measure,
  sizeProblem,
} from '@codesync/worker/doc-size';
import { ySyncAnnotation } from 'y-codemirror.next';
import type { RoomConnection } from '../room/connection';

const encoder = new TextEncoder();
const bytesOf = (s: string): number => encoder.encode(s).byteLength;

/** Room left in a frame for the update's own encoding around the inserted text. */
const FRAME_OVERHEAD = 16 * 1024;

/** The meter appears past this fraction of a limit. */
export const METER_FROM = 0.8;

export function sizeGuard(connection: RoomConnection, fileId: FileId): Extension {
  return EditorState.transactionFilter.of((tr) => {
    // Changes that came from the shared document are already in it.
    if (!tr.docChanged || tr.annotation(ySyncAnnotation)) return tr;
    let inserted = 0;
    let deleted = 0;
    tr.changes.iterChanges((fromA, toA, _fromB, _toB, text) => {
      inserted += bytesOf(text.toString());
      if (toA > fromA) deleted += bytesOf(tr.startState.sliceDoc(fromA, toA));
    });
    if (inserted <= deleted) return tr; // nothing grows: always fine
    const file = fileById(connection.doc, fileId);
    if (!file) return tr;
    const problem = growthProblem(measure(connection.doc, { encoded: false }), file.id, inserted - deleted, inserted);
    if (problem === null) return tr;
    connection.refuseLocally('doc_too_large', `${problem} Your change was not applied.`);
    return [];
  });
}

/** Why growing file `id` by `growth` bytes (inserting `inserted`) is refused, or null. */
export function growthProblem(before: DocSize, id: string, growth: number, inserted: number): string | null {
  const files = new Map(before.files);
  const file = files.get(id);
  if (file) files.set(id, { path: file.path, bytes: file.bytes + growth });
  const tooLarge = sizeProblem(before, { files, total: before.total + growth, encoded: null });
  if (tooLarge) return tooLarge;
  // The file limits keep a change well inside a frame; this holds if they ever grow.
  if (inserted > MAX_FRAME_BYTES - FRAME_OVERHEAD) {
    return `That change is ${formatBytes(inserted)}; at most ${formatBytes(MAX_FRAME_BYTES - FRAME_OVERHEAD)} can be sent at once.`;
  }
  return null;
}

/** A panel under the editor once the room is past METER_FROM of a limit. */
export function sizeMeter(connection: RoomConnection): Extension {
  return [
    showPanel.of((): Panel => {
      const dom = document.createElement('div');
      dom.className = 'cm-size-meter';
      dom.setAttribute('role', 'meter');
      dom.setAttribute('aria-label', 'How full the room’s files are');
      dom.setAttribute('aria-valuemin', '0');
      dom.setAttribute('aria-valuemax', '100');
      const render = () => {
        const { total, fullness } = connection.state.size;
        dom.hidden = fullness < METER_FROM;
        const percent = Math.min(100, Math.round(fullness * 100));
        dom.setAttribute('aria-valuenow', String(percent));
        dom.style.setProperty('--fill', `${percent}%`);
        dom.textContent = `The room's files are ${percent}% full (${formatBytes(total)} of ${formatBytes(MAX_TOTAL_FILE_BYTES)}): past the limit, additions are refused; deleting always works.`;
      };
      render();
      const unsubscribe = connection.subscribe(render);
      return { dom, destroy: unsubscribe };
    }),
    EditorView.theme({
      '.cm-size-meter': {
        padding: '4px 8px',
        fontSize: '13px',
        color: '#1c2024',
        background: 'linear-gradient(to right, #ffd7a8 var(--fill), #fff4e6 var(--fill))',
      },
      '.cm-size-meter[hidden]': { display: 'none' },
    }),
  ];
}
