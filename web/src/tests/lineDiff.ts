/**
 * A line diff of what a case expected against what the program wrote, for the tests
 * panel: lines in both, lines only expected, lines only written. Longest common
 * subsequence over lines; past MAX_DIFF_LINES a side is not compared (null) so a huge
 * output cannot stall the page.
 *
 * @example
 * lineDiff('1\n2\n', '1\n3\n'); // [{kind:'same',text:'1'}, {kind:'expected',text:'2'}, {kind:'got',text:'3'}]
 */
export type DiffLine = { kind: 'same' | 'expected' | 'got'; text: string };

export const MAX_DIFF_LINES = 400;

const linesOf = (s: string) => {
  const lines = s.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop(); // a final newline ends the last line; it is not a line
  return lines;
};

export function lineDiff(expected: string, got: string): DiffLine[] | null {
  const a = linesOf(expected);
  const b = linesOf(got);
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) return null;
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] as string });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      out.push({ kind: 'got', text: b[j] as string });
      j++;
    } else {
      out.push({ kind: 'expected', text: a[i] as string });
      i++;
    }
  }
  return out;
}
