/**
 * The player's buttons: previous event, play/pause, next event, the speed, "skip
 * idle", and where the playhead is. The keyboard does the same (keys.ts).
 */
import { SPEEDS, type Speed } from './clock';
import { formatOffset } from './time';

interface Props {
  playing: boolean;
  speed: Speed;
  skipIdle: boolean;
  offset: number;
  length: number;
  onPlay(): void;
  onPause(): void;
  onPrevious(): void;
  onNext(): void;
  onSpeed(speed: Speed): void;
  onSkipIdle(skip: boolean): void;
}

export function Controls(p: Props) {
  return (
    <div className="playback-controls" role="toolbar" aria-label="Playback">
      <button type="button" onClick={p.onPrevious} title="Previous event (←)">
        Previous
      </button>
      {p.playing ? (
        <button type="button" className="primary" onClick={p.onPause} title="Pause (space, K)">
          Pause
        </button>
      ) : (
        <button type="button" className="primary" onClick={p.onPlay} title="Play (space)">
          Play
        </button>
      )}
      <button type="button" onClick={p.onNext} title="Next event (→)">
        Next
      </button>
      <label>
        Speed
        <select value={p.speed} onChange={(e) => p.onSpeed(Number(e.target.value) as Speed)}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={p.skipIdle} onChange={(e) => p.onSkipIdle(e.target.checked)} />
        Skip idle
      </label>
      <output className="playback-time" aria-label="Time into the interview">
        {formatOffset(p.offset)} / {formatOffset(p.length)}
      </output>
    </div>
  );
}
