/**
 * The room's run limits in the run panel: the time and memory every Run gets, and for
 * an editor a small form to change them for everyone (worker/src/runs/runLimits.ts).
 * The form checks with the server's own schema, so its words are the server's; the
 * server checks again.
 */
import { type LimitsMessage, type RunLimitsChange, runLimitsChange } from '@codesync/worker/runs';
import { type FormEvent, useState } from 'react';
import { megabytes, seconds } from './limitsText';

interface Props {
  /** The room's limits and bounds; null until the room has said. */
  limits: Omit<LimitsMessage, 'type'> | null;
  canChange: boolean;
  onChange(change: RunLimitsChange): void;
}

export function RunLimits({ limits, canChange, onChange }: Props) {
  const [editing, setEditing] = useState(false);
  if (!limits) return null;
  const { timeMs, memoryMb } = limits.limits;
  return (
    <fieldset className="run-limits" aria-label="Run limits">
      <span className="muted">Limits:</span> <span data-limit="time">{seconds(timeMs)}</span> ·{' '}
      <span data-limit="memory">{megabytes(memoryMb)}</span>
      {canChange && !editing && (
        <button type="button" className="run-limits-change" onClick={() => setEditing(true)}>
          Change
        </button>
      )}
      {canChange && editing && (
        <LimitsForm
          limits={limits}
          onDone={(change) => {
            if (change) onChange(change);
            setEditing(false);
          }}
        />
      )}
    </fieldset>
  );
}

function LimitsForm({
  limits,
  onDone,
}: {
  limits: Omit<LimitsMessage, 'type'>;
  onDone(change: RunLimitsChange | null): void;
}) {
  const [time, setTime] = useState(String(limits.limits.timeMs / 1000));
  const [memory, setMemory] = useState(String(limits.limits.memoryMb));
  const [problem, setProblem] = useState<string | null>(null);
  const { maxima, floors } = limits;

  function submit(event: FormEvent) {
    event.preventDefault();
    // Seconds in the form, milliseconds on the wire; an empty box is not a number.
    const asked = { timeMs: time.trim() ? Math.round(Number(time) * 1000) : Number.NaN, memoryMb: Number(memory) };
    const parsed = runLimitsChange.safeParse(asked);
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    onDone(parsed.data);
  }

  return (
    <form className="run-limits-form" onSubmit={submit} noValidate>
      <label>
        Time limit (s)
        <input
          className="run-limits-input"
          type="number"
          inputMode="decimal"
          step="0.1"
          min={floors.timeMs / 1000}
          max={maxima.timeMs / 1000}
          value={time}
          onChange={(e) => setTime(e.target.value)}
        />
        <span className="muted help">at most {seconds(maxima.timeMs)}</span>
      </label>
      <label>
        Memory (MB)
        <input
          className="run-limits-input"
          type="number"
          inputMode="numeric"
          step="1"
          min={floors.memoryMb}
          max={maxima.memoryMb}
          value={memory}
          onChange={(e) => setMemory(e.target.value)}
        />
        <span className="muted help">at most {megabytes(maxima.memoryMb)}</span>
      </label>
      <button type="submit" className="primary">
        Save for everyone
      </button>
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
