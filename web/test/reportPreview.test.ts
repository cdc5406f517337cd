/** The report page shows a long case's start and says what it left out (REP11). */
import { describe, expect, it } from 'vitest';
import { CASE_PREVIEW_CHARS, preview } from '../src/report/format';

describe('the report page, a long case', () => {
  it('[REP11] shows the first CASE_PREVIEW_CHARS characters and counts the rest; a short one whole', () => {
    expect(preview('4\n2 7 11 15\n9\n')).toEqual({ shown: '4\n2 7 11 15\n9\n', omitted: null });
    const long = '44 '.repeat(10_000);
    const { shown, omitted } = preview(long);
    expect(shown).toBe(long.slice(0, CASE_PREVIEW_CHARS));
    expect(omitted).toBe(
      `… ${(long.length - CASE_PREVIEW_CHARS).toLocaleString('en')} more characters (all of it is in the Markdown download)`,
    );
  });
});
