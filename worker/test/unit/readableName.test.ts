/**
 * Display names as people read them (readableName.ts): what is dropped, when nothing is
 * left, and how their length is counted (the room's admission and comment authors alike).
 */
import { describe, expect, it } from 'vitest';
import { MAX_NAME_CHARS } from '../../src/limits';
import { displayNameProblem, nameLength, readableName } from '../../src/readableName';
import { replyValue } from '../../src/room/threads';

describe('display names', () => {
  it('[LIM16] drops control, format and direction characters, keeping the joiners emoji need', () => {
    expect(readableName('\u200bCa\u00adra\u2060\ufeff\u202e')).toBe('Cara');
    expect(readableName('Zoë 👩\u200d💻')).toBe('Zoë 👩\u200d💻');
    // A subdivision flag is tag characters after a black flag.
    const england = '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}';
    expect(readableName(`Ed ${england}`)).toBe(`Ed ${england}`);
  });

  it('[LIM16] a name with no character to see is empty', () => {
    for (const invisible of [
      '\u200b',
      ' \u200b \u2060 ',
      '\u3164\u115f',
      '\u0301',
      '\u2800\u180e\u034f',
      '\u{e0067}',
      '\ufe0f',
    ]) {
      expect(readableName(invisible), JSON.stringify(invisible)).toBe('');
    }
    expect(readableName('\u3164Ivy')).not.toBe('');
  });

  it('[LIM7] counts characters as they show: an emoji, a flag or an accented letter is one', () => {
    expect(nameLength('Ada')).toBe(3);
    expect(nameLength('😀'.repeat(MAX_NAME_CHARS))).toBe(MAX_NAME_CHARS);
    expect(nameLength('👩\u200d💻🇫🇷e\u0301')).toBe(3);
    expect(displayNameProblem('😀'.repeat(MAX_NAME_CHARS))).toBeNull();
    expect(displayNameProblem('👨\u200d👩\u200d👧\u200d👦'.repeat(MAX_NAME_CHARS))).toBeNull();
    expect(displayNameProblem('😀'.repeat(MAX_NAME_CHARS + 1))).toBe(
      `must be at most ${MAX_NAME_CHARS} characters, counted as they show (an emoji or an accented letter is one)`,
    );
    // One character piled with marks still has an end.
    expect(displayNameProblem(`I${'\u0301'.repeat(1000)}`)).toMatch(/^is too long/);
  });

  it('[LIM16] whoever joined under a name of emoji writes comments under it', () => {
    const coder = '👩\u200d💻';
    const reply = { id: 'abcdefghijkl', author: coder.repeat(MAX_NAME_CHARS), role: 'candidate', at: 1, text: 'hi' };
    expect(replyValue.safeParse(reply).success).toBe(true);
    expect(replyValue.safeParse({ ...reply, author: coder.repeat(MAX_NAME_CHARS + 1) }).success).toBe(false);
  });
});
