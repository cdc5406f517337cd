import { describe, expect, it } from 'vitest';
import { CURSOR_COLOURS, mustRepick, pickColour } from '../src/room/colours';

describe('cursor colours', () => {
  it('[WEB5] picks a colour nobody has, even past the palette', () => {
    expect(pickColour([])).toBe(CURSOR_COLOURS[0]);
    expect(pickColour([CURSOR_COLOURS[0]])).toBe(CURSOR_COLOURS[1]);
    const taken: string[] = [];
    for (let i = 0; i < 30; i++) taken.push(pickColour(taken));
    expect(new Set(taken).size).toBe(30);
  });

  it('[WEB5] of two with one colour, the later client gives it up (the same answer in every browser)', () => {
    const others = new Map([[5, CURSOR_COLOURS[0] as string]]);
    expect(mustRepick({ clientId: 9, colour: CURSOR_COLOURS[0] }, others)).toBe(true);
    expect(mustRepick({ clientId: 3, colour: CURSOR_COLOURS[0] }, others)).toBe(false);
    expect(mustRepick({ clientId: 9, colour: CURSOR_COLOURS[1] }, others)).toBe(false);
  });
});
