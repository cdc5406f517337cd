/**
 * The interview's length when it is created (POST /api/rooms `durationMinutes`): no clock,
 * or one of the usual slots. The interviewer can set any time later from the room.
 */
const DURATIONS = [30, 45, 60, 90] as const;

export function DurationPicker({ value, onChange }: { value: number | null; onChange(minutes: number | null): void }) {
  return (
    <label>
      Duration
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">No clock</option>
        {DURATIONS.map((minutes) => (
          <option key={minutes} value={minutes}>
            {minutes} minutes
          </option>
        ))}
      </select>
    </label>
  );
}
