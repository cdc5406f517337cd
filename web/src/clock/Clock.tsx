/**
 * The interview's clock in the header: the time left, for everyone, amber and with a
 * warning from five minutes; for the interviewer a "Clock" button with the controls:
 * +5, +10 or +15 minutes, set the time left, or clear it. The server checks the role again.
 */
import { CLOCK_EXTEND_MINUTES, type ClockChange } from '@codesync/worker/clock';
import { type FormEvent, useState } from 'react';
import { formatLeft, parseTimeLeft } from './time';
import type { ClockNow } from './useClock';

export function Clock({
  now,
  canChange,
  onChange,
}: {
  now: ClockNow;
  canChange: boolean;
  onChange(change: ClockChange): void;
}) {
  const [open, setOpen] = useState(false);
  const change = (c: ClockChange) => {
    onChange(c);
    setOpen(false);
  };
  return (
    <span className="clock">
      {now.phase !== 'off' && (
        <span
          role="timer"
          aria-label="Time left"
          className={`clock-left clock-${now.phase}`}
          data-phase={now.phase}
          title={now.phase === 'warning' ? 'Less than 5 minutes left' : 'Time left in the interview'}
        >
          {formatLeft(now.leftMs)} left
        </span>
      )}
      {now.phase === 'warning' && (
        // In the header, not a banner: the warning never moves the code people are reading.
        <span className="clock-warning-words" role="status">
          Less than 5 minutes left
        </span>
      )}
      {canChange && (
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {now.phase === 'off' ? 'Set a clock' : 'Clock'}
        </button>
      )}
      {canChange && open && <ClockControls running={now.phase !== 'off'} onChange={change} />}
    </span>
  );
}

function ClockControls({ running, onChange }: { running: boolean; onChange(change: ClockChange): void }) {
  const [text, setText] = useState('');
  const seconds = parseTimeLeft(text);
  function set(event: FormEvent) {
    event.preventDefault();
    if (seconds !== null) onChange({ action: 'set', seconds });
  }
  return (
    <fieldset className="clock-controls" aria-label="Clock controls">
      {running &&
        CLOCK_EXTEND_MINUTES.map((minutes) => (
          <button key={minutes} type="button" onClick={() => onChange({ action: 'extend', minutes })}>
            +{minutes} min
          </button>
        ))}
      <form onSubmit={set}>
        <label>
          Time left
          <input
            value={text}
            placeholder="45 or 0:30"
            size={7}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={text !== '' && seconds === null}
          />
        </label>
        <button type="submit" disabled={seconds === null}>
          Set
        </button>
      </form>
      {running && (
        <button type="button" onClick={() => onChange({ action: 'clear' })}>
          No clock
        </button>
      )}
    </fieldset>
  );
}
