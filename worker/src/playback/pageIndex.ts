/**
 * The manifest's index of pages: contiguous ranges of `seq`, oldest first, each holding
 * at most PLAYBACK_PAGE_UPDATES updates, that together cover the room's whole history.
 * Built from what the room already knows without reading a byte of R2: each archived
 * segment's range and times (history_segments), and the `seq` and `at` of the rows still
 * in SQLite. A segment is never split (its times are known only at its ends), so a page
 * is one or more whole segments, or rows; SEGMENT_ROWS ≤ PLAYBACK_PAGE_UPDATES makes
 * every segment fit.
 *
 * A page also holds at most `maxBytes` of stored history (a segment's encoded size, a
 * row's update), so pasted megabytes make more pages, not a page too large to hold; a
 * single segment or row larger than that is a page of its own.
 *
 * A room's `seq` is dense (SQLite AUTOINCREMENT, rows leave only by archiving), so a
 * segment holds `to − from + 1` updates and a page's width in `seq` is its count: the
 * pages route refuses a range wider than a page.
 *
 * @example
 * pageIndex([{from: 1, to: 300, firstAt, lastAt, bytes: 9000}], [{seq: 301, at, bytes: 30}], 2000, 4 << 20);
 * // [{from: 1, to: 301, firstAt, lastAt: at, count: 301}]
 */
import type { PlaybackPage } from './schema';

export interface SegmentSpan {
  from: number;
  to: number;
  firstAt: number;
  lastAt: number;
  bytes: number;
}

export interface RowStamp {
  seq: number;
  at: number;
  bytes: number;
}

/** Segments and rows each oldest first, every segment before every row (rows are the newer). */
export function pageIndex(
  segments: readonly SegmentSpan[],
  rows: readonly RowStamp[],
  max: number,
  maxBytes: number,
): PlaybackPage[] {
  const pages: PlaybackPage[] = [];
  let page: PlaybackPage | null = null;
  let pageBytes = 0;
  const add = (span: SegmentSpan, count: number) => {
    if (page && page.count + count <= max && pageBytes + span.bytes <= maxBytes && page.to < span.from) {
      page.to = span.to;
      page.lastAt = span.lastAt;
      page.count += count;
      pageBytes += span.bytes;
      return;
    }
    page = { from: span.from, to: span.to, firstAt: span.firstAt, lastAt: span.lastAt, count };
    pageBytes = span.bytes;
    pages.push(page);
  };
  for (const segment of segments) add(segment, segment.to - segment.from + 1);
  for (const { seq, at, bytes } of rows) add({ from: seq, to: seq, firstAt: at, lastAt: at, bytes }, 1);
  return pages;
}
