/**
 * The timeline: a track from the first to the last moment of the history with the
 * playhead and a marker per event. Dragging scrubs; pointer moves are folded into one
 * playhead change per animation frame (requestAnimationFrame), so a fast drag never
 * queues more work than the screen can show. A marker is a button: clicking it moves
 * the playhead there (and, for a run, opens its output).
 */
import { memo, type PointerEvent, useEffect, useRef } from 'react';
import type { Marker } from './markers';
import { formatOffset } from './time';

interface Props {
  start: number;
  end: number;
  at: number;
  markers: readonly Marker[];
  onScrub(at: number): void;
  onMarker(marker: Marker): void;
}

export function Timeline({ start, end, at, markers, onScrub, onMarker }: Props) {
  const track = useRef<HTMLDivElement>(null);
  const pending = useRef<number | null>(null);
  const frame = useRef(0);
  const span = Math.max(1, end - start);
  const place = (t: number) => `${(Math.min(Math.max(t - start, 0), span) / span) * 100}%`;

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  function atPointer(event: PointerEvent): number {
    const box = (track.current as HTMLDivElement).getBoundingClientRect();
    return start + (Math.min(Math.max(event.clientX - box.left, 0), box.width) / Math.max(1, box.width)) * span;
  }
  function scrubTo(t: number) {
    const first = pending.current === null;
    pending.current = t;
    if (!first) return;
    frame.current = requestAnimationFrame(() => {
      if (pending.current !== null) onScrub(pending.current);
      pending.current = null;
    });
  }

  return (
    <div className="timeline">
      <div
        ref={track}
        className="timeline-track"
        role="slider"
        tabIndex={0}
        aria-label="Playhead"
        aria-valuemin={0}
        aria-valuemax={span}
        aria-valuenow={Math.round(at - start)}
        aria-valuetext={formatOffset(at - start)}
        onPointerDown={(e) => {
          if ((e.target as HTMLElement).closest('.marker')) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          scrubTo(atPointer(e));
        }}
        onPointerMove={(e) => e.currentTarget.hasPointerCapture(e.pointerId) && scrubTo(atPointer(e))}
      >
        <div className="timeline-played" style={{ width: place(at) }} />
        <Markers markers={markers} start={start} span={span} onMarker={onMarker} />
        <div className="timeline-head" style={{ left: place(at) }} />
      </div>
    </div>
  );
}

/** Drawn once per history, not once per frame: playing re-renders the playhead only. */
const Markers = memo(function Markers({
  markers,
  start,
  span,
  onMarker,
}: {
  markers: readonly Marker[];
  start: number;
  span: number;
  onMarker(marker: Marker): void;
}) {
  return markers.map((m, i) => (
    <button
      // Markers never reorder: a history only grows at its end.
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      key={i}
      type="button"
      className={`marker marker-${m.type} tone-${m.tone}`}
      style={{ left: `${(Math.min(Math.max(m.at - start, 0), span) / span) * 100}%` }}
      title={`${formatOffset(m.at - start)} ${m.label}`}
      aria-label={m.label}
      data-run={m.runId ?? undefined}
      onClick={() => onMarker(m)}
    />
  ));
});
