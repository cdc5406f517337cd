/**
 * The candidate's browser reports integrity signals about itself (POST
 * /api/rooms/:roomId/signals): a paste into the code editor of at least
 * PASTE_SIGNAL_MIN_CHARS (its size and file, never its text), and the interview tab
 * losing and regaining focus. Mounted only for a role that `can(role, 'signal')`; the
 * server records only the candidate's.
 *
 * @example
 * useIntegritySignals(roomId, token, role, openPath);
 */
import { PASTE_SIGNAL_MIN_CHARS, type SignalReport } from '@codesync/worker/panel-signals';
import { can, type Role } from '@codesync/worker/roles';
import { useEffect, useRef } from 'react';
import { api } from '../api/client';

function send(roomId: string, token: string, report: SignalReport): void {
  api(`/api/rooms/${roomId}/signals`, {
    method: 'POST',
    token,
    body: report,
    keepalive: true, // a report sent as the tab goes away still leaves
  }).catch((error: Error) => console.warn(`A signal was not reported: ${error.message}`));
}

export function useIntegritySignals(roomId: string, token: string, role: Role | undefined, file: string | null): void {
  const openFile = useRef(file);
  openFile.current = file;
  const enabled = role !== undefined && can(role, 'signal');
  useEffect(() => {
    if (!enabled) return;
    const onPaste = (event: ClipboardEvent) => {
      // Only pastes into the code editor count (not the name box or stdin).
      if (!(event.target instanceof Element) || !event.target.closest('.editor-pane .cm-editor')) return;
      const chars = [...(event.clipboardData?.getData('text/plain') ?? '')].length;
      if (chars >= PASTE_SIGNAL_MIN_CHARS) send(roomId, token, { kind: 'paste', chars, file: openFile.current ?? '?' });
    };
    // Hiding the tab also blurs the window: one `left` per absence, one `returned` per return.
    let away = false;
    const left = () => {
      if (away) return;
      away = true;
      send(roomId, token, { kind: 'focus', state: 'left' });
    };
    const returned = () => {
      if (!away || document.visibilityState !== 'visible') return;
      away = false;
      send(roomId, token, { kind: 'focus', state: 'returned' });
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? left() : returned());
    document.addEventListener('paste', onPaste, true);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('blur', left);
    window.addEventListener('focus', returned);
    return () => {
      document.removeEventListener('paste', onPaste, true);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('blur', left);
      window.removeEventListener('focus', returned);
    };
  }, [enabled, roomId, token]);
}
