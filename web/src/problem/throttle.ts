/**
 * Live edits sent as they are typed, but not a message per keystroke: the newest value
 * goes out THROTTLE_MS after the first change not yet sent, so a reader sees the text
 * grow about three times a second while the writer types, and the last word always lands.
 *
 * @example
 * const send = throttled((statement: string) => conn.changeQuestion({ op: 'edit', statement }));
 * send('# Two'); send('# Two Sum'); // one message, '# Two Sum', 300 ms later
 */
export const THROTTLE_MS = 300;

export interface Throttled<T> {
  (value: T): void;
  /** Sends what is waiting now (leaving the editor). */
  flush(): void;
  cancel(): void;
}

export function throttled<T>(send: (value: T) => void, ms = THROTTLE_MS): Throttled<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waiting: { value: T } | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const next = waiting;
    waiting = null;
    if (next) send(next.value);
  };
  const push = (value: T) => {
    waiting = { value };
    timer ??= setTimeout(flush, ms);
  };
  return Object.assign(push, {
    flush,
    cancel: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      waiting = null;
    },
  });
}
