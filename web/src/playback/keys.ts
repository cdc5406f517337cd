/**
 * The playback's keyboard, as video players have it: space plays and pauses, ←/→ step
 * to the previous/next event, J/K/L go back, pause, forward. Keys typed into a field
 * are the field's.
 */
export type KeyAction = 'toggle' | 'previous' | 'next' | 'back' | 'pause' | 'forward';

const ACTIONS: Record<string, KeyAction> = {
  ' ': 'toggle',
  ArrowLeft: 'previous',
  ArrowRight: 'next',
  j: 'back',
  k: 'pause',
  l: 'forward',
};

export function keyAction(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}): KeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (target?.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target?.tagName ?? '')) return null;
  return ACTIONS[event.key.length === 1 ? event.key.toLowerCase() : event.key] ?? null;
}
