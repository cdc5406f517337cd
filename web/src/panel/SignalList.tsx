/** The candidate's integrity signals, newest last, as the panel hears them live. */
import type { Signal } from '@codesync/worker/panel-signals';

function describe(signal: Signal): string {
  switch (signal.kind) {
    case 'paste':
      return `Pasted ${signal.chars} characters into ${signal.file}`;
    case 'focus':
      return signal.state === 'left' ? 'Left the interview tab' : 'Came back to the interview tab';
    default: {
      const unreachable: never = signal;
      return unreachable;
    }
  }
}

export function SignalList({ signals }: { signals: Signal[] }) {
  if (signals.length === 0) return <p className="muted">Nothing yet: large pastes and tab switches show here.</p>;
  return (
    <ol className="signals" aria-label="Signals">
      {signals.map((signal) => (
        <li key={signal.seq} className={`signal signal-${signal.kind}`}>
          <time dateTime={new Date(signal.at).toISOString()}>{new Date(signal.at).toLocaleTimeString()}</time>{' '}
          {describe(signal)}
        </li>
      ))}
    </ol>
  );
}
