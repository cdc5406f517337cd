/** The manifest's index of pages (playback/pageIndex.ts), from segment ranges and SQLite rows alone. */
import { describe, expect, it } from 'vitest';
import { PLAYBACK_PAGE_BYTES } from '../../../src/limits';
import { pageIndex, type RowStamp, type SegmentSpan } from '../../../src/playback/pageIndex';
import { PLAYBACK_PAGE_UPDATES } from '../../../src/playback/schema';
import { SEGMENT_ROWS } from '../../../src/room/storage/history';

/** Segments of the sizes given, then `rows` rows, numbered from 1, one ms apart. */
function history(sizes: number[], rows: number): { segments: SegmentSpan[]; rows: RowStamp[] } {
  const segments: SegmentSpan[] = [];
  let seq = 1;
  for (const size of sizes) {
    segments.push({
      from: seq,
      to: seq + size - 1,
      firstAt: 1000 + seq,
      lastAt: 1000 + seq + size - 1,
      bytes: 30 * size,
    });
    seq += size;
  }
  return { segments, rows: Array.from({ length: rows }, (_, i) => ({ seq: seq + i, at: 1000 + seq + i, bytes: 30 })) };
}

describe('the index of pages', () => {
  it('[PLAY1] pages are contiguous, whole segments then rows, each at most a page, and cover everything', () => {
    expect(SEGMENT_ROWS).toBeLessThanOrEqual(PLAYBACK_PAGE_UPDATES);
    const { segments, rows } = history([257, 257, 300, 1024, 1024, 10, 257], 4500);
    const pages = pageIndex(segments, rows, PLAYBACK_PAGE_UPDATES, PLAYBACK_PAGE_BYTES);
    const total = 257 + 257 + 300 + 1024 + 1024 + 10 + 257 + 4500;
    expect(pages[0]?.from).toBe(1);
    expect(pages.at(-1)?.to).toBe(total);
    expect(pages.reduce((n, p) => n + p.count, 0)).toBe(total);
    for (const [i, page] of pages.entries()) {
      expect(page.count).toBeLessThanOrEqual(PLAYBACK_PAGE_UPDATES);
      expect(page.count).toBe(page.to - page.from + 1);
      expect(page.firstAt).toBe(1000 + page.from);
      expect(page.lastAt).toBe(1000 + page.to);
      if (i > 0) expect(page.from).toBe((pages[i - 1]?.to ?? 0) + 1);
    }
    // No segment is split across pages.
    for (const s of segments) expect(pages.some((p) => p.from <= s.from && s.to <= p.to)).toBe(true);
    // Rows fill a page to the brim.
    expect(
      pages
        .filter((p) => p.from > 3129)
        .every((p, i, all) => i === all.length - 1 || p.count === PLAYBACK_PAGE_UPDATES),
    ).toBe(true);
    expect(pageIndex([], [], PLAYBACK_PAGE_UPDATES, PLAYBACK_PAGE_BYTES)).toEqual([]);
  });

  it('[PLAY17] pasted megabytes make more pages, each at most PLAYBACK_PAGE_BYTES unless one part alone is larger', () => {
    const big = 200 * 1024;
    const segments = [
      { from: 1, to: 3, firstAt: 1, lastAt: 3, bytes: 3 * big },
      { from: 4, to: 4, firstAt: 4, lastAt: 4, bytes: 9 * 1024 * 1024 }, // larger than a page by itself
    ];
    const rows = Array.from({ length: 60 }, (_, i) => ({ seq: 5 + i, at: 5 + i, bytes: big }));
    const pages = pageIndex(segments, rows, PLAYBACK_PAGE_UPDATES, PLAYBACK_PAGE_BYTES);
    expect(pages.map((p) => p.count).reduce((a, b) => a + b, 0)).toBe(64);
    expect(pages[1]).toMatchObject({ from: 4, to: 4, count: 1 });
    const perPage = Math.floor(PLAYBACK_PAGE_BYTES / big);
    for (const page of pages.slice(2)) expect(page.count).toBeLessThanOrEqual(perPage);
    expect(pages[2]?.count).toBe(perPage);
  });
});
